package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DkimSignatureParserTest {
    private static final String VALID = "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel;\r\n"
        + "\th=From : Subject; bh=YWJj; b=ZGVm\r\n\t Z2hp; t=100; x=200; l=5; i=joe@mail.example.com";

    @Test
    void parseShouldReadEveryTag() throws Exception {
        DkimSignature signature = DkimSignatureParser.parse(VALID);

        assertThat(signature.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
        assertThat(signature.domain()).isEqualTo("example.com");
        assertThat(signature.selector()).isEqualTo("sel");
        assertThat(signature.signedHeaders()).containsExactly("From", "Subject");
        assertThat(signature.bodyHash()).isEqualTo(new byte[] {'a', 'b', 'c'});
        assertThat(signature.signature()).isEqualTo(new byte[] {'d', 'e', 'f', 'g', 'h', 'i'});
        assertThat(signature.timestamp()).contains(Instant.ofEpochSecond(100));
        assertThat(signature.expiration()).contains(Instant.ofEpochSecond(200));
        assertThat(signature.bodyLength()).hasValue(5);
        assertThat(signature.identity()).contains("joe@mail.example.com");
        assertThat(signature.queryMethods()).containsExactly("dns/txt");
        assertThat(signature.keyName()).isEqualTo("sel._domainkey.example.com");
    }

    @Test
    void parseShouldDefaultToSimpleSimpleAndTheDomainIdentity() throws Exception {
        DkimSignature signature = DkimSignatureParser.parse("DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s;"
            + " h=from; bh=YWJj; b=ZGVm");

        assertThat(signature.headerCanonicalization()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(signature.bodyCanonicalization()).isEqualTo(Canonicalization.SIMPLE);
        assertThat(signature.effectiveIdentity()).isEqualTo("@example.com");
    }

    @Test
    void parseShouldReadAHeaderOnlyCanonicalizationAsSimpleBody() throws Exception {
        DkimSignature signature = DkimSignatureParser.parse(VALID + "; c=relaxed");

        assertThat(signature.headerCanonicalization()).isEqualTo(Canonicalization.RELAXED);
        assertThat(signature.bodyCanonicalization()).isEqualTo(Canonicalization.SIMPLE);
    }

    @Test
    void unsignedFieldShouldEmptyTheWholeBValueAndKeepEverythingElse() throws Exception {
        assertThat(DkimSignatureParser.parse(VALID).unsignedField()).isEqualTo("DKIM-Signature: v=1; a=rsa-sha256;"
            + " d=example.com; s=sel;\r\n\th=From : Subject; bh=YWJj; b=; t=100; x=200; l=5; i=joe@mail.example.com");
    }

    @Test
    void parseShouldRequireEveryMandatoryTag() {
        for (String tag : new String[] {"v=1; ", "a=rsa-sha256; ", "d=example.com; ", "s=sel;", "bh=YWJj; ", "b=ZGVm\r\n\t Z2hp; "}) {
            assertReason(VALID.replace(tag, ""), DkimFailure.Reason.MISSING_TAG);
        }
        assertReason(VALID.replace("\th=From : Subject; ", "\t"), DkimFailure.Reason.MISSING_TAG);
    }

    @Test
    void parseShouldRejectOtherVersions() {
        assertReason(VALID.replace("v=1", "v=2"), DkimFailure.Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void parseShouldRejectUnknownAlgorithms() {
        assertReason(VALID.replace("rsa-sha256", "rsa-sha512"), DkimFailure.Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void parseShouldRecogniseRsaSha1SoThatTheVerifierCanRefuseIt() throws Exception {
        assertThat(DkimSignatureParser.parse(VALID.replace("rsa-sha256", "rsa-sha1")).algorithm())
            .isEqualTo(DkimAlgorithm.RSA_SHA1);
    }

    @Test
    void parseShouldRequireFromInTheSignedHeaders() {
        assertReason(VALID.replace("From : ", ""), DkimFailure.Reason.FROM_NOT_SIGNED);
    }

    @Test
    void parseShouldRequireTheIdentityToBeWithinTheDomain() {
        assertReason(VALID.replace("joe@mail.example.com", "joe@example.net"), DkimFailure.Reason.IDENTITY_MISMATCH);
        assertReason(VALID.replace("joe@mail.example.com", "joe@badexample.com"), DkimFailure.Reason.IDENTITY_MISMATCH);
    }

    @Test
    void parseShouldRequireTheExpirationAfterTheTimestamp() {
        assertReason(VALID.replace("x=200", "x=100"), DkimFailure.Reason.INVALID_EXPIRATION);
    }

    @Test
    void parseShouldRejectUnknownCanonicalizations() {
        assertReason(VALID + "; c=relaxed/nowsp", DkimFailure.Reason.UNSUPPORTED_CANONICALIZATION);
    }

    @Test
    void parseShouldRequireTheDnsTxtQueryMethod() {
        assertReason(VALID + "; q=http/well-known", DkimFailure.Reason.UNSUPPORTED_QUERY_METHOD);
    }

    @Test
    void parseShouldRejectMalformedValues() {
        assertReason(VALID.replace("b=ZGVm", "b=Z*Vm"), DkimFailure.Reason.SIGNATURE_SYNTAX);
        assertReason(VALID.replace("t=100", "t=-1"), DkimFailure.Reason.SIGNATURE_SYNTAX);
        assertReason(VALID.replace("l=5", "l=5; l=6"), DkimFailure.Reason.SIGNATURE_SYNTAX);
        assertReason(VALID.replace("From : Subject", "From : : Subject"), DkimFailure.Reason.SIGNATURE_SYNTAX);
    }

    private static void assertReason(String field, DkimFailure.Reason reason) {
        assertThatThrownBy(() -> DkimSignatureParser.parse(field))
            .isInstanceOfSatisfying(DkimException.class, e -> assertThat(e.failure().reason()).isEqualTo(reason));
    }
}
