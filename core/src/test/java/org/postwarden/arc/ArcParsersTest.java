package org.postwarden.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.postwarden.arc.ArcAuthenticationResults.MethodResult;
import org.postwarden.dkim.Canonicalization;
import org.postwarden.dkim.DkimAlgorithm;

class ArcParsersTest {
    @Test
    void sealParserShouldReadEveryTag() throws Exception {
        ArcSeal seal = ArcSealParser.parse("ARC-Seal: i=2; a=rsa-sha256; t=1700000000; cv=pass; d=fwd.example;\r\n"
            + "\ts=arc; b=AAEC\r\n\tAw==");

        assertThat(seal.instance()).isEqualTo(2);
        assertThat(seal.cv()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(seal.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
        assertThat(seal.keyName()).isEqualTo("arc._domainkey.fwd.example");
        assertThat(seal.signature()).containsExactly(0, 1, 2, 3);
        assertThat(seal.timestamp()).contains(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(seal.unsignedField()).isEqualTo("ARC-Seal: i=2; a=rsa-sha256; t=1700000000; cv=pass; d=fwd.example;\r\n"
            + "\ts=arc; b=");
    }

    @Test
    void sealParserShouldRejectMissingOrInvalidTags() {
        assertMalformed(() -> ArcSealParser.parse("ARC-Seal: i=1; a=rsa-sha256; d=x.example; s=s; b=AAAA"), "cv=");
        assertMalformed(() -> ArcSealParser.parse("ARC-Seal: i=1; a=rsa-sha256; cv=maybe; d=x.example; s=s; b=AAAA"),
            "cv=maybe");
        assertMalformed(() -> ArcSealParser.parse("ARC-Seal: i=0; a=rsa-sha256; cv=none; d=x.example; s=s; b=AAAA"),
            "i=0");
        assertMalformed(() -> ArcSealParser.parse("ARC-Seal: i=1; a=rsa-sha256; cv=none; d=x.example; s=s; b=A!"),
            "base64");
    }

    /** Found by the fuzz tests: an 18-digit time passed the digit limit and overflowed Instant. */
    @Test
    void timesPastTheLastInstantShouldBeMalformed() {
        assertMalformed(() -> ArcSealParser.parse("ARC-Seal: i=1; a=rsa-sha256; t=180000001800000000; cv=none;"
            + " d=x.example; s=s; b=AAAA"), "t=180000001800000000");
        assertMalformed(() -> ArcMessageSignatureParser.parse("ARC-Message-Signature: i=1; a=rsa-sha256; d=fwd.example;"
            + " s=arc; h=from; bh=AAAA; b=AAAA; x=180000001800000000"), "x=180000001800000000");
    }

    @Test
    void parsersShouldRefuseRsaSha1() {
        assertThatThrownBy(() -> ArcSealParser.parse("ARC-Seal: i=1; a=rsa-sha1; cv=none; d=x.example; s=s; b=AAAA"))
            .isInstanceOfSatisfying(ArcException.class,
                e -> assertThat(e.failure().reason()).isEqualTo(ArcFailure.Reason.UNSUPPORTED_ALGORITHM));
    }

    @Test
    void messageSignatureParserShouldDefaultToSimpleAndIgnoreV() throws Exception {
        ArcMessageSignature ams = ArcMessageSignatureParser.parse("ARC-Message-Signature: v=1; i=1; a=ed25519-sha256;"
            + " d=fwd.example; s=arc; h=From : To:subject; bh=AAAA; b=AAAA; l=10; x=1800000000");

        assertThat(ams.instance()).isEqualTo(1);
        assertThat(ams.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
        assertThat(ams.headerCanonicalization()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(ams.bodyCanonicalization()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(ams.signedHeaders()).containsExactly("From", "To", "subject");
        assertThat(ams.bodyLength()).hasValue(10);
        assertThat(ams.expiration()).contains(Instant.ofEpochSecond(1_800_000_000L));
    }

    @Test
    void messageSignatureParserShouldReadSimpleCanonicalization() throws Exception {
        ArcMessageSignature ams = ArcMessageSignatureParser.parse("ARC-Message-Signature: i=1; a=rsa-sha256; c=simple;"
            + " d=fwd.example; s=arc; h=from; bh=AAAA; b=AAAA");

        assertThat(ams.headerCanonicalization()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(ams.bodyCanonicalization()).isEqualTo(Canonicalization.SIMPLE);
    }

    @Test
    void messageSignatureParserShouldRejectSigningArcSeal() {
        assertMalformed(() -> ArcMessageSignatureParser.parse("ARC-Message-Signature: i=1; a=rsa-sha256;"
            + " d=fwd.example; s=arc; h=from:ARC-Seal; bh=AAAA; b=AAAA"), "ARC-Seal");
        assertMalformed(() -> ArcMessageSignatureParser.parse("ARC-Message-Signature: i=1; a=rsa-sha256;"
            + " d=fwd.example; s=arc; bh=AAAA; b=AAAA"), "h=");
    }

    @Test
    void authenticationResultsParserShouldReadMethodsSkippingCommentsAndQuotedSemicolons() throws Exception {
        ArcAuthenticationResults aar = ArcAuthenticationResults.parse("ARC-Authentication-Results: i=3;"
            + " (comment; with semicolon) mx.fwd.example 1;\r\n"
            + "\tspf=pass (sender \"is; ok\") smtp.mailfrom=a.example;\r\n"
            + "\tDKIM/1 = Fail reason=\"bad; really\" header.d=a.example;\r\n"
            + "\tdkim=pass header.d=b.example");

        assertThat(aar.instance()).isEqualTo(3);
        assertThat(aar.authservId()).isEqualTo("mx.fwd.example");
        assertThat(aar.results()).containsExactly(new MethodResult("spf", "pass"), new MethodResult("dkim", "fail"),
            new MethodResult("dkim", "pass"));
        assertThat(aar.passed("dkim")).isTrue();
        assertThat(aar.passed("dmarc")).isFalse();
    }

    @Test
    void authenticationResultsParserShouldAcceptNoResult() throws Exception {
        assertThat(ArcAuthenticationResults.parse("ARC-Authentication-Results: i=1; mx.example; none").results()).isEmpty();
    }

    @Test
    void authenticationResultsParserShouldRejectAMissingInstanceOrAuthservId() {
        assertMalformed(() -> ArcAuthenticationResults.parse("ARC-Authentication-Results: mx.example; spf=pass"), "i=");
        assertMalformed(() -> ArcAuthenticationResults.parse("ARC-Authentication-Results: i=1"), "authserv-id");
    }

    private static void assertMalformed(ThrowableAssert.ThrowingCallable parse, String messagePart) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(ArcException.class, e -> {
            assertThat(e.failure().reason()).isEqualTo(ArcFailure.Reason.MALFORMED);
            assertThat(e.failure().message()).contains(messagePart);
        });
    }
}
