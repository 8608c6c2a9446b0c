package org.postwarden.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.postwarden.dkim.RawMessage;

class AuthorDomainsTest {
    private static AuthorDomains of(String header) {
        return AuthorDomains.of(RawMessage.parse((header + "To: <victim@mx.test>\r\nSubject: hi\r\n\r\nbody\r\n")
            .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneAddressShouldGiveItsDomainInLowerCase() {
        assertThat(of("From: Jane <jane@Victim.EXAMPLE>\r\n")).isEqualTo(new AuthorDomains(java.util.List.of("victim.example"), Optional.empty()));
    }

    @Test
    void rawUtf8DisplayNamesShouldBeRead() {
        assertThat(of("From: Zoë Ärger <ceo@victim.example>\r\n").domains()).containsExactly("victim.example");
    }

    @Test
    void anInternationalizedDomainShouldBeAnALabel() {
        assertThat(of("From: Zoë <zoë@bücher.example>\r\n").domains()).containsExactly("xn--bcher-kva.example");
    }

    @Test
    void severalAddressesShouldGiveEachDistinctDomainOnce() {
        assertThat(of("From: a@one.example, b@TWO.example, c@one.example\r\n").domains())
            .containsExactly("one.example", "two.example");
    }

    @Test
    void aFoldedFieldWithAnyCaseNameShouldBeRead() {
        assertThat(of("fROM :\r\n Jane\r\n\t<jane@victim.example>\r\n").domains()).containsExactly("victim.example");
    }

    @Test
    void aMessageWithoutFromShouldHaveNoAuthorDomain() {
        AuthorDomains author = of("Sender: <ceo@victim.example>\r\n");
        assertThat(author.determined()).isFalse();
        assertThat(author.failure()).contains("no From field");
    }

    @Test
    void twoFromFieldsShouldHaveNoAuthorDomain() {
        AuthorDomains author = of("From: <news@legit.example>\r\nFrom: <ceo@victim.example>\r\n");
        assertThat(author.determined()).isFalse();
        assertThat(author.failure()).contains("2 From fields");
        assertThat(author.domains()).isEmpty();
    }

    @Test
    void anEncodedWordWithoutAddressShouldHaveNoAuthorDomain() {
        assertThat(of("From: =?utf-8?q?ceo=40victim.example?=\r\n").failure().orElseThrow())
            .startsWith("malformed From field");
    }

    @Test
    void anEmptyGroupShouldHaveNoAuthorDomain() {
        assertThat(of("From: undisclosed-recipients:;\r\n").failure()).contains("no address in the From field");
    }

    @Test
    void aDomainLiteralOrAnInvalidDomainShouldHaveNoAuthorDomain() {
        assertThat(of("From: ceo@[192.0.2.1]\r\n").determined()).isFalse();
        assertThat(of("From: ceo@victim_ex!ample.example\r\n").determined()).isFalse();
        assertThat(of("From: ok@legit.example, ceo@[192.0.2.1]\r\n").determined()).isFalse();
    }

    @Test
    void invalidUtf8ShouldStayInTheDisplayNameButNeverMakeADomain() {
        byte[] latin1Name = "From: Zo\u00eb <ceo@victim.example>\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(AuthorDomains.of(RawMessage.parse(latin1Name)).domains()).containsExactly("victim.example");
        byte[] latin1Domain = "From: <ceo@b\u00fccher.example>\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(AuthorDomains.of(RawMessage.parse(latin1Domain)).determined()).isFalse();
    }
}
