package org.postwarden.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.postwarden.arc.ArcSealer;
import org.postwarden.arc.ArcValidation;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dkim.DkimSigner;
import org.postwarden.dkim.SignedHeaders;
import org.postwarden.dns.StaticZone;
import org.postwarden.inbound.InboundVerdict.Disposition;

class InboundAuthenticatorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final DkimPrivateKey SENDER_KEY = DkimKeys.generateEd25519();
    private static final DkimPrivateKey LIST_KEY = DkimKeys.generateRsa();
    private static final String SENDER_IP = "192.0.2.10";
    private static final String STRANGER_IP = "203.0.113.66";

    private static StaticZone zone(String dmarcRecord) {
        return StaticZone.builder()
            .txt("example.com", "v=spf1 ip4:" + SENDER_IP + " -all")
            .txt("_dmarc.example.com", dmarcRecord)
            .txt("sel._domainkey.example.com", SENDER_KEY.publicKey().dnsRecord())
            .txt("arc._domainkey.lists.example.net", LIST_KEY.publicKey().dnsRecord())
            .txt("lists.example.net", "v=spf1 -all")
            .timeout("_dmarc.slow.example")
            .build();
    }

    private static InboundAuthenticator authenticator(StaticZone zone, Map<String, String> policy) {
        return new InboundAuthenticator(zone, CLOCK, InboundPolicy.from(policy, "mx.postwarden.test"),
            Duration.ofSeconds(20), new Random(42));
    }

    private static byte[] message(String from) {
        return ("From: Alice <alice@" + from + ">\r\n"
            + "To: bob@postwarden.test\r\n"
            + "Subject: hello\r\n"
            + "Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <1@" + from + ">\r\n"
            + "\r\n"
            + "Hello Bob.\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] dkimSigned(byte[] message) {
        String signature = DkimSigner.withKey(SENDER_KEY).domain("example.com").selector("sel")
            .headers(SignedHeaders.recommended()).clock(CLOCK).build().sign(message);
        return prepend(signature, message);
    }

    private static byte[] prepend(String fields, byte[] message) {
        byte[] header = (fields.endsWith("\r\n") ? fields : fields + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] result = new byte[header.length + message.length];
        System.arraycopy(header, 0, result, 0, header.length);
        System.arraycopy(message, 0, result, header.length, message.length);
        return result;
    }

    private static InetAddress ip(String address) throws Exception {
        return InetAddress.getByName(address);
    }

    @Test
    void alignedSpfPassShouldBeAcceptedAndRecorded() throws Exception {
        InboundVerdict verdict = authenticator(zone("v=DMARC1; p=reject"), Map.of())
            .authenticate(message("example.com"), ip(SENDER_IP), "mail.example.com", "alice@example.com");

        assertThat(verdict.disposition()).isEqualTo(Disposition.ACCEPT);
        assertThat(verdict.authenticationResults().headerField().replace("\r\n\t", " "))
            .startsWith("Authentication-Results: mx.postwarden.test; spf=pass smtp.mailfrom=example.com;")
            .contains("dkim=none")
            .contains("arc=none smtp.remote-ip=" + SENDER_IP)
            .contains("dmarc=pass (p=reject dis=none) header.from=example.com");
    }

    @Test
    void aSpoofOfAPrejectDomainShouldBeRejected() throws Exception {
        InboundVerdict verdict = authenticator(zone("v=DMARC1; p=reject"), Map.of())
            .authenticate(message("example.com"), ip(STRANGER_IP), "spoofer.example", "alice@example.com");

        assertThat(verdict.disposition()).isEqualTo(Disposition.REJECT);
        assertThat(verdict.reason()).isEqualTo("DMARC policy of example.com is reject and the message is neither SPF- nor DKIM-aligned with it");
        assertThat(verdict.authenticationResults().headerField()).contains("spf=fail").contains("dmarc=fail");
    }

    @Test
    void rejectCanBeTurnedIntoQuarantineOrATagByConfiguration() throws Exception {
        byte[] spoof = message("example.com");

        assertThat(authenticator(zone("v=DMARC1; p=reject"), Map.of("dmarc.reject", "quarantine"))
            .authenticate(spoof, ip(STRANGER_IP), "spoofer.example", "alice@example.com").disposition())
            .isEqualTo(Disposition.QUARANTINE);
        assertThat(authenticator(zone("v=DMARC1; p=reject"), Map.of("dmarc.reject", "tag"))
            .authenticate(spoof, ip(STRANGER_IP), "spoofer.example", "alice@example.com").disposition())
            .isEqualTo(Disposition.ACCEPT);
    }

    @Test
    void aQuarantinePolicyShouldQuarantine() throws Exception {
        InboundVerdict verdict = authenticator(zone("v=DMARC1; p=quarantine"), Map.of())
            .authenticate(message("example.com"), ip(STRANGER_IP), "spoofer.example", "alice@example.com");

        assertThat(verdict.disposition()).isEqualTo(Disposition.QUARANTINE);
    }

    @Test
    void anAlignedDkimSignatureShouldPassDmarcEvenWhenSpfFails() throws Exception {
        InboundVerdict verdict = authenticator(zone("v=DMARC1; p=reject"), Map.of())
            .authenticate(dkimSigned(message("example.com")), ip(STRANGER_IP), "relay.example", "bounces@relay.example");

        assertThat(verdict.disposition()).isEqualTo(Disposition.ACCEPT);
        assertThat(verdict.authenticationResults().headerField().replace("\r\n\t", " "))
            .contains("dkim=pass header.d=example.com header.i=@example.com header.s=sel header.a=ed25519-sha256 header.b=")
            .contains("dmarc=pass");
    }

    @Test
    void aDnsTimeoutShouldTempfailOnlyWhenConfigured() throws Exception {
        byte[] message = message("slow.example");

        assertThat(authenticator(zone("v=DMARC1; p=reject"), Map.of())
            .authenticate(message, ip(STRANGER_IP), "x.example", "a@slow.example").disposition())
            .isEqualTo(Disposition.ACCEPT);
        InboundVerdict tempfail = authenticator(zone("v=DMARC1; p=reject"), Map.of("temperror", "tempfail"))
            .authenticate(message, ip(STRANGER_IP), "x.example", "a@slow.example");
        assertThat(tempfail.disposition()).isEqualTo(Disposition.TEMPFAIL);
        assertThat(tempfail.authenticationResults().headerField()).contains("dmarc=temperror");
    }

    @Test
    void aTrustedArcSealerVouchingForTheOriginalDkimShouldOverrideTheDmarcPolicy() throws Exception {
        byte[] signed = dkimSigned(message("example.com"));
        byte[] withFooter = new String(signed, StandardCharsets.ISO_8859_1)
            .replace("Hello Bob.\r\n", "Hello Bob.\r\n-- \r\nThe list footer\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] sealed = prepend(ArcSealer.withKey(LIST_KEY).domain("lists.example.net").selector("arc")
            .authservId("lists.example.net").clock(CLOCK).build()
            .seal(withFooter, "spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com", ArcValidation.none())
            .headerBlock(), withFooter);

        InboundVerdict untrusted = authenticator(zone("v=DMARC1; p=reject"), Map.of())
            .authenticate(sealed, ip(STRANGER_IP), "lists.example.net", "list-bounces@lists.example.net");
        InboundVerdict trusted = authenticator(zone("v=DMARC1; p=reject"), Map.of("arc.trustedSealers", "lists.example.net"))
            .authenticate(sealed, ip(STRANGER_IP), "lists.example.net", "list-bounces@lists.example.net");

        assertThat(untrusted.disposition()).isEqualTo(Disposition.REJECT);
        assertThat(trusted.arcOverride()).isTrue();
        assertThat(trusted.disposition()).isEqualTo(Disposition.ACCEPT);
        assertThat(trusted.authenticationResults().headerField().replace("\r\n\t", " "))
            .contains("arc=pass")
            .contains("dmarc=fail (p=reject dis=reject) header.from=example.com policy.override=arc");
    }

    @Test
    void aMessageWithoutFromShouldGetDmarcPermerrorAndBeRejected() throws Exception {
        byte[] noFrom = "To: bob@postwarden.test\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

        InboundVerdict verdict = authenticator(zone("v=DMARC1; p=reject"), Map.of())
            .authenticate(noFrom, ip(STRANGER_IP), "x.example", "a@example.com");

        assertThat(verdict.dmarc().status().name()).isEqualTo("PERMERROR");
        assertThat(verdict.disposition()).isEqualTo(Disposition.REJECT);
        assertThat(verdict.reason()).isEqualTo("no determinable RFC5322.From domain: no From field (RFC 7489 6.6.1)");
    }

    @Test
    void anUndeterminedAuthorShouldBeQuarantinedWhenConfiguredSo() throws Exception {
        byte[] encodedWord = "From: =?utf-8?q?alice=40example.com?=\r\nSubject: x\r\n\r\nbody\r\n"
            .getBytes(StandardCharsets.US_ASCII);

        InboundVerdict verdict = authenticator(zone("v=DMARC1; p=reject"),
            Map.of("authorDomain.unknown", "quarantine"))
            .authenticate(encodedWord, ip(STRANGER_IP), "x.example", "a@stranger.example");

        assertThat(verdict.disposition()).isEqualTo(Disposition.QUARANTINE);
        assertThat(verdict.authenticationResults().headerField()).contains("dmarc=permerror");
    }

    @Test
    void anUndeterminedAuthorCannotBeOnlyTagged() {
        assertThatThrownBy(() -> InboundPolicy.from(Map.of("authorDomain.unknown", "tag"), "mx"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authorDomain.unknown");
    }

    @Test
    void aRawUtf8DisplayNameShouldBeEvaluated() throws Exception {
        byte[] utf8 = "From: Zoë Ärger <alice@example.com>\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);

        InboundVerdict verdict = authenticator(zone("v=DMARC1; p=reject"), Map.of())
            .authenticate(utf8, ip(STRANGER_IP), "x.example", "a@stranger.example");

        assertThat(verdict.dmarc().status().name()).isEqualTo("FAIL");
        assertThat(verdict.disposition()).isEqualTo(Disposition.REJECT);
        assertThat(verdict.reason()).startsWith("DMARC policy of example.com is reject");
    }

    @Test
    void trustedSealersShouldBeReadLowerCased() {
        assertThat(InboundPolicy.from(Map.of("arc.trustedSealers", " Lists.Example.NET , other.example"), "mx").trustedArcSealers())
            .isEqualTo(Set.of("lists.example.net", "other.example"));
    }
}
