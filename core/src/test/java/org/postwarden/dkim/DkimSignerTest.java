package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postwarden.dkim.DkimTestSupport.CLOCK;
import static org.postwarden.dkim.DkimTestSupport.MESSAGE;
import static org.postwarden.dkim.DkimTestSupport.NOW;
import static org.postwarden.dkim.DkimTestSupport.bytes;
import static org.postwarden.dkim.DkimTestSupport.prepend;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postwarden.dns.StaticZone;
import org.postwarden.testing.MutableClock;

class DkimSignerTest {
    private static final DkimPrivateKey KEY = DkimKeys.generateEd25519();
    private static final StaticZone ZONE = StaticZone.builder()
        .txt("s1._domainkey.football.example.com", KEY.publicKey().dnsRecord()).build();

    @Test
    void signShouldWriteRelaxedRelaxedTimestampAndNoLengthByDefault() throws Exception {
        DkimSignature signature = DkimSignatureParser.parse(signer().build().sign(bytes(MESSAGE)));

        assertThat(signature.headerCanonicalization()).isEqualTo(Canonicalization.RELAXED);
        assertThat(signature.bodyCanonicalization()).isEqualTo(Canonicalization.RELAXED);
        assertThat(signature.timestamp()).contains(NOW);
        assertThat(signature.bodyLength()).isEmpty();
        assertThat(signature.expiration()).isEmpty();
        assertThat(signature.identity()).isEmpty();
    }

    @Test
    void recommendedHeadersShouldSignPresentInstancesAndOversignKeyHeaders() throws Exception {
        byte[] message = bytes("Received: by relay\r\nTo: a@example.net\r\nTo: b@example.net\r\nList-Id: <l.example>\r\n"
            + MESSAGE);

        DkimSignature signature = DkimSignatureParser.parse(signer().build().sign(message));

        assertThat(signature.signedHeaders()).containsExactly("from", "from", "to", "to", "to", "to", "cc", "subject",
            "subject", "date", "date", "reply-to", "message-id", "message-id", "mime-version", "content-type",
            "content-transfer-encoding", "list-id");
    }

    @Test
    void oversigningShouldMakeAnAddedHeaderBreakTheSignature() {
        byte[] signed = prepend(signer().build().sign(bytes(MESSAGE)), bytes(MESSAGE));
        byte[] withSecondSubject = bytes(new String(signed, java.nio.charset.StandardCharsets.ISO_8859_1)
            .replace("Subject: Is dinner ready?\r\n", "Subject: Is dinner ready?\r\nSubject: Buy now\r\n"));

        assertThat(verify(signed)).isEqualTo(DkimResult.Status.PASS);
        assertThat(verify(withSecondSubject)).isEqualTo(DkimResult.Status.FAIL);
    }

    @Test
    void signShouldFoldAt76ColumnsWithCrlfTab() {
        String field = signer().build().sign(bytes(MESSAGE));

        assertThat(field).startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;");
        assertThat(field.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(Arrays.stream(field.split("\r\n")).skip(1)).allSatisfy(line -> assertThat(line).startsWith("\t"));
        assertThat(field).doesNotEndWith("\r\n").contains("; b=");
    }

    @Test
    void aSignerShouldSignEachMessageAsAFreshSignerWouldWhateverItSignedBefore() {
        byte[] plain = bytes(MESSAGE);
        byte[] moreFields = bytes("To: a@example.net\r\nList-Id: <l.example>\r\n" + MESSAGE);
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(7));
        DkimSigner reused = signer().clock(clock).build();
        // t= of 1 digit, then of 10: h= starts further on its line and folds elsewhere.
        for (Instant time : List.of(Instant.ofEpochSecond(7), Instant.ofEpochSecond(1_000_000_000))) {
            clock.set(time);
            for (byte[] message : List.of(plain, plain, moreFields, plain)) {
                assertThat(reused.sign(message)).isEqualTo(signer().clock(clock).build().sign(message));
            }
        }
    }

    @Test
    void signShouldWriteTheExpirationAfterTheTimestamp() throws Exception {
        DkimSignature signature = DkimSignatureParser.parse(
            signer().expireAfter(Duration.ofDays(7)).build().sign(bytes(MESSAGE)));

        assertThat(signature.expiration()).contains(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void simpleCanonicalizationShouldBreakOnWhitespaceChangesWhereRelaxedSurvives() {
        for (Canonicalization c : Canonicalization.values()) {
            byte[] signed = prepend(signer().canonicalization(c, c).build().sign(bytes(MESSAGE)), bytes(MESSAGE));
            byte[] rewrapped = bytes(new String(signed, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("Subject: Is dinner", "Subject:  Is\r\n dinner").replace("game.  Are", "game. Are  "));

            assertThat(verify(signed)).as(c.name()).isEqualTo(DkimResult.Status.PASS);
            assertThat(verify(rewrapped)).as(c.name())
                .isEqualTo(c == Canonicalization.RELAXED ? DkimResult.Status.PASS : DkimResult.Status.NEUTRAL);
        }
    }

    @Test
    void identityShouldBeWithinTheDomain() {
        assertThat(signer().identity("joe@sub.football.example.com").build().sign(bytes(MESSAGE)))
            .contains("i=joe@sub.football.example.com;");
        assertThatThrownBy(() -> signer().identity("joe@example.org")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderShouldRejectInvalidSettings() {
        assertThatThrownBy(() -> DkimSigner.withKey(KEY).domain("bad domain"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DkimSigner.withKey(KEY).domain("example.com").selector("s;1"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedHeaders.exactly(List.of("to", "subject")))
            .hasMessageContaining("From");
        assertThatThrownBy(() -> signer().expireAfter(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static DkimSigner.Options signer() {
        return DkimSigner.withKey(KEY).domain("football.example.com").selector("s1")
            .headers(SignedHeaders.recommended()).clock(CLOCK);
    }

    private static DkimResult.Status verify(byte[] message) {
        return new DkimVerifier(ZONE, CLOCK).verify(message).get(0).status();
    }
}
