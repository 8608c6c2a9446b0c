package org.postwarden.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void certificateShouldNameTheFirstHostAsCnAndEveryHostAsDnsName() throws Exception {
        X509Certificate certificate = SelfSignedCertificate.generate(List.of("mx.example.com", "smtp.example.com"), NOW).certificate();

        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=mx.example.com");
        assertThat(certificate.getSubjectAlternativeNames())
            .containsExactlyInAnyOrder(List.of(2, "mx.example.com"), List.of(2, "smtp.example.com"));
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void certificateShouldBeSignedByItsOwnKeyAndMatchThePrivateKey() throws Exception {
        SelfSignedCertificate generated = SelfSignedCertificate.generate(List.of("mx.example.com"), NOW);

        generated.certificate().verify(generated.certificate().getPublicKey());
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(generated.privateKey());
        signature.update(new byte[] {1, 2, 3});
        byte[] signed = signature.sign();
        signature.initVerify(generated.certificate());
        signature.update(new byte[] {1, 2, 3});
        assertThat(signature.verify(signed)).isTrue();
    }

    @Test
    void certificateShouldBeValidFromNowForTheValidityPeriod() throws Exception {
        X509Certificate certificate = SelfSignedCertificate.generate(List.of("mx.example.com"), NOW).certificate();

        certificate.checkValidity(Date.from(NOW));
        certificate.checkValidity(Date.from(NOW.plus(SelfSignedCertificate.VALIDITY).minusSeconds(1)));
        assertThat(certificate.getNotAfter()).isEqualTo(Date.from(NOW.plus(SelfSignedCertificate.VALIDITY)));
    }

    @Test
    void noHostNameShouldBeRefused() {
        assertThatThrownBy(() -> SelfSignedCertificate.generate(List.of(), NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SelfSignedCertificate.generate(List.of(" "), NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
