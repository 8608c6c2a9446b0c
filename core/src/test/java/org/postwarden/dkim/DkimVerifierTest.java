package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dkim.DkimTestSupport.CLOCK;
import static org.postwarden.dkim.DkimTestSupport.MESSAGE;
import static org.postwarden.dkim.DkimTestSupport.NOW;
import static org.postwarden.dkim.DkimTestSupport.bytes;
import static org.postwarden.dkim.DkimTestSupport.prepend;
import static org.postwarden.dkim.DkimTestSupport.resourceText;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.postwarden.dns.StaticZone;

class DkimVerifierTest {
    private static final String DOMAIN = "football.example.com";
    private static final String KEY_NAME = "s1._domainkey." + DOMAIN;
    private static final DkimPrivateKey ED25519 = DkimKeys.generateEd25519();
    /** RFC 8463 Appendix A's 1024-bit RSA key. */
    private static final DkimPrivateKey RSA_1024 = DkimKeys.parsePrivateKey(resourceText("rfc8463-appendix-a/rsa-test.pem"));

    @Test
    void verifyShouldPassWhenSignedByOurSigner() {
        for (DkimPrivateKey key : List.of(ED25519, RSA_1024)) {
            DkimResult result = verify(zoneWith(key.publicKey().dnsRecord()), sign(key, s -> s));

            assertThat(result.status()).isEqualTo(DkimResult.Status.PASS);
            assertThat(result.failure()).isEmpty();
            assertThat(result.testing()).isFalse();
        }
    }

    @Test
    void resultShouldExposeTheAuthenticationResultsProperties() {
        DkimResult result = verify(zoneWith(ED25519.publicKey().dnsRecord()),
            sign(ED25519, s -> s.identity("joe@" + DOMAIN)));

        assertThat(result.headerD()).contains(DOMAIN);
        assertThat(result.headerS()).contains("s1");
        assertThat(result.headerI()).contains("joe@" + DOMAIN);
        assertThat(result.headerA()).contains("ed25519-sha256");
        assertThat(result.headerB().orElseThrow()).hasSize(8)
            .isEqualTo(Base64.getEncoder().encodeToString(result.signature().orElseThrow().signature()).substring(0, 8));
    }

    @Test
    void verifyShouldReturnNoneWhenUnsigned() {
        List<DkimResult> results = new DkimVerifier(StaticZone.builder().build(), CLOCK).verify(bytes(MESSAGE));

        assertThat(results).containsExactly(DkimResult.none());
    }

    @Test
    void verifyShouldReportBodyHashMismatchWhenBodyWasModified() {
        byte[] tampered = replace(sign(ED25519, s -> s), "Joe.", "Bob.");

        assertFailure(verify(ed25519Zone(), tampered), DkimFailure.Reason.BODY_HASH_MISMATCH);
    }

    @Test
    void verifyShouldFailWhenASignedHeaderWasModified() {
        byte[] tampered = replace(sign(ED25519, s -> s), "Subject: Is dinner ready?", "Subject: Is lunch ready?");

        assertFailure(verify(ed25519Zone(), tampered), DkimFailure.Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void verifyShouldPassWhenAnUnsignedHeaderIsAdded() {
        byte[] relayed = bytes("Received: from relay\r\nX-Spam: no\r\n"
            + new String(sign(ED25519, s -> s), StandardCharsets.ISO_8859_1));

        assertThat(verify(ed25519Zone(), relayed).status()).isEqualTo(DkimResult.Status.PASS);
    }

    @Test
    void verifyShouldBeNeutralWhenTheSignatureIsMalformed() {
        DkimResult result = verify(ed25519Zone(), replace(sign(ED25519, s -> s), "v=1;", "v=1; v=1;"));

        assertFailure(result, DkimFailure.Reason.SIGNATURE_SYNTAX);
        assertThat(result.signature()).isEmpty();
    }

    @Test
    void verifyShouldBeNeutralOnceTheSignatureExpired() {
        byte[] message = sign(ED25519, s -> s.expireAfter(Duration.ofHours(1)));

        assertThat(verifier(ed25519Zone(), CLOCK.instant().plus(Duration.ofMinutes(59))).verify(message).get(0).status())
            .isEqualTo(DkimResult.Status.PASS);
        assertFailure(verifier(ed25519Zone(), NOW.plus(Duration.ofMinutes(61))).verify(message).get(0),
            DkimFailure.Reason.SIGNATURE_EXPIRED);
    }

    @Test
    void verifyShouldTempErrorWhenTheKeyQueryTimesOut() {
        DkimResult result = verify(StaticZone.builder().timeout(KEY_NAME).build(), sign(ED25519, s -> s));

        assertFailure(result, DkimFailure.Reason.KEY_UNAVAILABLE);
        assertThat(result.failure().orElseThrow().message()).contains("timeout");
    }

    @Test
    void verifyShouldPermErrorWhenThereIsNoKey() {
        assertFailure(verify(StaticZone.builder().build(), sign(ED25519, s -> s)), DkimFailure.Reason.NO_KEY);
        StaticZone nodata = StaticZone.builder().a(KEY_NAME, "192.0.2.1").build();
        assertFailure(verify(nodata, sign(ED25519, s -> s)), DkimFailure.Reason.NO_KEY);
    }

    @Test
    void verifyShouldUseTheFirstUsableOfSeveralKeyRecords() {
        StaticZone zone = StaticZone.builder().txt(KEY_NAME, "v=spf1 -all").txt(KEY_NAME, ED25519.publicKey().dnsRecord())
            .build();

        assertThat(verify(zone, sign(ED25519, s -> s)).status()).isEqualTo(DkimResult.Status.PASS);
        assertFailure(verify(zoneWith("v=spf1 -all"), sign(ED25519, s -> s)), DkimFailure.Reason.KEY_SYNTAX);
    }

    @Test
    void verifyShouldPermErrorWhenTheKeyIsRevoked() {
        assertFailure(verify(zoneWith("v=DKIM1; k=ed25519; p="), sign(ED25519, s -> s)), DkimFailure.Reason.KEY_REVOKED);
    }

    @Test
    void verifyShouldPermErrorWhenTheKeyTypeDoesNotMatchTheAlgorithm() {
        assertFailure(verify(zoneWith(RSA_1024.publicKey().dnsRecord()), sign(ED25519, s -> s)),
            DkimFailure.Reason.KEY_TYPE_MISMATCH);
    }

    @Test
    void verifyShouldPermErrorWhenTheKeyExcludesSha256() {
        String record = ED25519.publicKey().dnsRecord().replace("k=ed25519;", "k=ed25519; h=sha1;");

        assertFailure(verify(zoneWith(record), sign(ED25519, s -> s)), DkimFailure.Reason.KEY_HASH_MISMATCH);
    }

    @Test
    void verifyShouldPermErrorWhenTheKeyIsNotForEmail() {
        String record = ED25519.publicKey().dnsRecord().replace("k=ed25519;", "k=ed25519; s=other;");

        assertFailure(verify(zoneWith(record), sign(ED25519, s -> s)), DkimFailure.Reason.KEY_SERVICE_MISMATCH);
    }

    @Test
    void verifyShouldFailWhenAStrictKeyMeetsASubdomainIdentity() {
        String strict = ED25519.publicKey().dnsRecord().replace("k=ed25519;", "k=ed25519; t=s;");

        assertThat(verify(zoneWith(strict), sign(ED25519, s -> s.identity("joe@" + DOMAIN))).status())
            .isEqualTo(DkimResult.Status.PASS);
        assertFailure(verify(zoneWith(strict), sign(ED25519, s -> s.identity("joe@mail." + DOMAIN))),
            DkimFailure.Reason.STRICT_IDENTITY_MISMATCH);
    }

    @Test
    void verifyShouldPassButFlagTestingKeys() {
        String testing = ED25519.publicKey().dnsRecord().replace("k=ed25519;", "k=ed25519; t=y;");

        DkimResult result = verify(zoneWith(testing), sign(ED25519, s -> s));

        assertThat(result.status()).isEqualTo(DkimResult.Status.PASS);
        assertThat(result.testing()).isTrue();
    }

    @Test
    void verifyShouldPermErrorOnRsaKeysUnder1024Bits() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(512);
        // Built directly: DkimKeys refuses to load such a key.
        DkimPrivateKey weak = new DkimPrivateKey.Rsa((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());

        assertFailure(verify(zoneWith(weak.publicKey().dnsRecord()), sign(weak, s -> s)), DkimFailure.Reason.KEY_TOO_SHORT);
    }

    @Test
    void verifyShouldApplyTheLocalMinimumRsaKeySizeAsPolicy() {
        DkimVerifier verifier = new DkimVerifier(zoneWith(RSA_1024.publicKey().dnsRecord()), CLOCK).withMinimumRsaBits(2048);

        assertFailure(verifier.verify(sign(RSA_1024, s -> s)).get(0), DkimFailure.Reason.WEAK_KEY);
    }

    @Test
    void verifyShouldPermErrorOnRsaSha1() {
        byte[] sha1 = replace(sign(RSA_1024, s -> s), "a=rsa-sha256", "a=rsa-sha1");

        assertFailure(verify(zoneWith(RSA_1024.publicKey().dnsRecord()), sha1), DkimFailure.Reason.INSECURE_ALGORITHM);
    }

    @Test
    void verifyShouldEvaluateOnlyUpToTheSignatureLimit() {
        byte[] once = sign(ED25519, s -> s);
        String field = RawMessage.parse(once).headers().get(0).text();
        byte[] thrice = prepend(field, prepend(field, once));

        List<DkimResult> results = new DkimVerifier(ed25519Zone(), CLOCK).withSignatureLimit(2).verify(thrice);

        assertThat(results).extracting(DkimResult::status)
            .containsExactly(DkimResult.Status.PASS, DkimResult.Status.PASS, DkimResult.Status.POLICY);
        assertThat(results.get(2).failure().orElseThrow().reason()).isEqualTo(DkimFailure.Reason.TOO_MANY_SIGNATURES);
        assertThat(results.get(2).headerD()).contains(DOMAIN);
    }

    @Test
    void verifyShouldHashOnlyTheFirstLOctetsOfTheBody() {
        // RFC 6376 §3.4.5: content after l= octets is not covered (a known weakness, never signed by us).
        String template = "DKIM-Signature: v=1; a=ed25519-sha256; c=simple/simple; d=" + DOMAIN
            + "; s=s1; l=%d; h=from; bh=%s; b=";
        byte[] body = bytes("Hi.\r\n");
        String bh = Base64.getEncoder().encodeToString(
            new BodyHasher(Canonicalization.SIMPLE, OptionalLong.of(5)).update(body, 0, body.length).digest());
        String unsigned = String.format(template, 5, bh);
        RawMessage message = RawMessage.parse(bytes("From: joe@" + DOMAIN + "\r\n\r\nHi.\r\n"));
        String field = unsigned + Base64.getEncoder().encodeToString(
            ED25519.sign(SigningInput.compute(message, List.of("from"), Canonicalization.SIMPLE, unsigned)));
        byte[] extended = prepend(field, bytes("From: joe@" + DOMAIN + "\r\n\r\nHi.\r\nAppended later.\r\n"));

        assertThat(verify(ed25519Zone(), prepend(field, bytes("From: joe@" + DOMAIN + "\r\n\r\nHi.\r\n"))).status())
            .isEqualTo(DkimResult.Status.PASS);
        assertThat(verify(ed25519Zone(), extended).status()).isEqualTo(DkimResult.Status.PASS);
        assertFailure(verify(ed25519Zone(), prepend(field, bytes("From: joe@" + DOMAIN + "\r\n\r\nHi"))),
            DkimFailure.Reason.BODY_HASH_MISMATCH);
    }

    @Test
    void everyStatusShouldBeReachable() {
        Set<DkimResult.Status> reached = EnumSet.noneOf(DkimResult.Status.class);
        for (DkimFailure.Reason reason : DkimFailure.Reason.values()) {
            reached.add(reason.status());
        }
        reached.add(DkimResult.Status.PASS);
        reached.add(DkimResult.Status.NONE);

        assertThat(reached).containsExactlyInAnyOrder(DkimResult.Status.values());
    }

    private static byte[] sign(DkimPrivateKey key, UnaryOperator<DkimSigner.Options> options) {
        String field = options.apply(DkimSigner.withKey(key).domain(DOMAIN).selector("s1")
            .headers(SignedHeaders.recommended()).clock(CLOCK)).build().sign(bytes(MESSAGE));
        return prepend(field, bytes(MESSAGE));
    }

    private static DkimResult verify(StaticZone zone, byte[] message) {
        List<DkimResult> results = new DkimVerifier(zone, CLOCK).verify(message);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private static DkimVerifier verifier(StaticZone zone, java.time.Instant now) {
        return new DkimVerifier(zone, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static StaticZone zoneWith(String record) {
        return StaticZone.builder().txt(KEY_NAME, record).build();
    }

    private static StaticZone ed25519Zone() {
        return zoneWith(ED25519.publicKey().dnsRecord());
    }

    private static byte[] replace(byte[] message, String from, String to) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return bytes(text.replace(from, to));
    }

    private static void assertFailure(DkimResult result, DkimFailure.Reason reason) {
        assertThat(result.failure()).as(result.toString()).map(DkimFailure::reason).contains(reason);
        assertThat(result.status()).isEqualTo(reason.status());
    }
}
