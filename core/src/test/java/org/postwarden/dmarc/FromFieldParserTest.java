package org.postwarden.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FromFieldParserTest {
    private static List<AuthorMailbox> mailboxes(String value) {
        FromFieldParser.Parsed parsed = FromFieldParser.parse(value);
        assertThat(parsed.failure()).as("failure of %s", value).isEmpty();
        return parsed.mailboxes();
    }

    private static AuthorMailbox only(String value) {
        List<AuthorMailbox> mailboxes = mailboxes(value);
        assertThat(mailboxes).hasSize(1);
        return mailboxes.get(0);
    }

    @Test
    void plainAddressesShouldParse() {
        assertThat(only(" ceo@victim.example")).isEqualTo(new AuthorMailbox("ceo", "victim.example"));
        assertThat(only(" <ceo@victim.example>")).isEqualTo(new AuthorMailbox("ceo", "victim.example"));
        assertThat(only(" Jane Doe <jane.doe@victim.example>")).isEqualTo(new AuthorMailbox("jane.doe", "victim.example"));
    }

    @Test
    void rawUtf8ShouldBeAllowedWhereRfc6532AllowsIt() {
        assertThat(only(" Zoë Ärger <ceo@victim.example>").domain()).isEqualTo("victim.example");
        assertThat(only(" \"Zoë, Ärger\" <ceo@victim.example>").domain()).isEqualTo("victim.example");
        assertThat(only(" zoë@victim.example (Zoë Ärger)")).isEqualTo(new AuthorMailbox("zoë", "victim.example"));
        assertThat(only(" Zoë <ceo@bücher.example>").domain()).isEqualTo("bücher.example");
    }

    @Test
    void commentsShouldNeverGiveTheAddress() {
        assertThat(only(" attacker@evil.example (ceo@victim.example)").domain()).isEqualTo("evil.example");
        assertThat(only(" (ceo@victim.example <ceo@victim.example>) attacker@evil.example").domain()).isEqualTo("evil.example");
        assertThat(only(" Boss (a (nested \\) comment) <x@victim.example>) <attacker@evil.example>").domain()).isEqualTo("evil.example");
        assertThat(only(" attacker@(comment)evil.example").domain()).isEqualTo("evil.example");
    }

    @Test
    void aQuotedLocalPartOrDisplayNameWithAnAtShouldNotBeTheDomain() {
        assertThat(only(" \"ceo@victim.example\"@evil.example")).isEqualTo(new AuthorMailbox("\"ceo@victim.example\"", "evil.example"));
        assertThat(only(" \"ceo@victim.example\" <attacker@evil.example>").domain()).isEqualTo("evil.example");
        assertThat(only(" \"a\\\"b@victim.example\" <attacker@evil.example>").domain()).isEqualTo("evil.example");
    }

    @Test
    void severalAddressesShouldAllBeRead() {
        assertThat(mailboxes(" a@one.example, B <b@two.example>,c@three.example").stream().map(AuthorMailbox::domain))
            .containsExactly("one.example", "two.example", "three.example");
    }

    @Test
    void groupsShouldGiveTheirMembers() {
        assertThat(mailboxes(" Team: a@one.example, <b@two.example>;").stream().map(AuthorMailbox::domain))
            .containsExactly("one.example", "two.example");
        assertThat(mailboxes(" undisclosed-recipients:;")).isEmpty();
        assertThat(mailboxes(" Team: a@one.example;, c@three.example").stream().map(AuthorMailbox::domain))
            .containsExactly("one.example", "three.example");
    }

    @Test
    void obsoleteSyntaxShouldParse() {
        // RFC 5322 §4.4: CFWS around dots, routes, empty list members, dots in a phrase.
        assertThat(only(" john . doe @ victim . example")).isEqualTo(new AuthorMailbox("john.doe", "victim.example"));
        assertThat(only(" <@relay.example,@other.example:ceo@victim.example>").domain()).isEqualTo("victim.example");
        assertThat(only(" John Q. Public <jqp@victim.example>").domain()).isEqualTo("victim.example");
        assertThat(mailboxes(" ,, a@one.example,, ,").stream().map(AuthorMailbox::domain)).containsExactly("one.example");
        assertThat(only("\r\n\tJane\r\n <jane@victim.example>").domain()).isEqualTo("victim.example");
        assertThat(only(" \"Jane\r\n Doe\" <jane@victim.example>").domain()).isEqualTo("victim.example");
    }

    @Test
    void aDomainLiteralShouldBeKeptAsSuch() {
        assertThat(only(" ceo@[192.0.2.1]").hasDomainLiteral()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        " =?utf-8?q?ceo=40victim.example?=",
        " =?utf-8?q?ceo=40victim.example?= <>",
        " Zoë Ärger",
        " ",
        "",
        " <>",
        " <ceo>",
        " ceo@victim.example <attacker@evil.example>",
        " Doe, John <ceo@victim.example>",
        " attacker@evil.example ceo@victim.example",
        " a b@victim.example",
        " <ceo@victim.example",
        " ceo@victim.example>",
        " <ceo@victim.example> extra",
        " \"unterminated <ceo@victim.example>",
        " (unterminated <ceo@victim.example>",
        " ceo@victim..example",
        " ceo@victim.example.",
        " ceo@.victim.example",
        " ceo@",
        " @victim.example",
        " ceo@[192.0.2.1",
        " Team: a@one.example",
        " Team: Inner: a@one.example;;",
        " : a@one.example;",
        " <ceo@victim.example>\u0000",
        " ceo\\@victim.example",
        " [ceo]@victim.example x",
    })
    void aFieldWithoutAReadableAddressShouldFail(String value) {
        FromFieldParser.Parsed parsed = FromFieldParser.parse(value);
        if (parsed.failure().isEmpty()) {
            // The only parse without failure allowed here is one without any mailbox.
            assertThat(parsed.mailboxes()).as("mailboxes of %s", value).isEmpty();
        }
    }
}
