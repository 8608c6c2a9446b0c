package org.postwarden.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.deliverability.DoctorFixture.CLOCK;
import static org.postwarden.deliverability.DoctorFixture.HELO;
import static org.postwarden.deliverability.DoctorFixture.NOW;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.dns.StaticZone;

class TlsCertificateCheckTest {
    private static final TestCertificates.Issued CA = TestCertificates.selfSigned("Test CA", NOW.minus(Duration.ofDays(400)),
        NOW.plus(Duration.ofDays(400)));

    private final StaticZone zone = DoctorFixture.zone();

    private Finding check(List<X509Certificate> chain, List<String> hostNames) {
        return new TlsCertificateCheck(() -> chain, zone, hostNames, CLOCK).examine(DoctorFixture.target("good.test")).get(0);
    }

    private static X509Certificate leaf(Instant notBefore, Instant notAfter, String... names) {
        return TestCertificates.issuedBy(CA, names.length > 0 ? names[0] : "nobody", notBefore, notAfter, names).certificate();
    }

    @Test
    void currentCertificateCoveringTheNamesShouldPass() {
        Finding finding = check(List.of(leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)), HELO), CA.certificate()), List.of());

        assertThat(finding.status()).isEqualTo(Status.PASS);
        assertThat(finding.explanation()).contains("for mail.good.test").contains("valid until 2027-02-20");
    }

    @Test
    void wildcardShouldCoverOneLabel() {
        X509Certificate wildcard = leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)), "*.good.test");

        assertThat(check(List.of(wildcard, CA.certificate()), List.of("smtp.good.test")).status()).isEqualTo(Status.PASS);
        assertThat(check(List.of(wildcard, CA.certificate()), List.of("a.smtp.good.test", "good.test")).explanation())
            .isEqualTo("the certificate does not cover a.smtp.good.test, good.test (it is for *.good.test)");
    }

    @Test
    void certificateExpiringWithinFourteenDaysShouldWarn() {
        Finding finding = check(List.of(leaf(NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(13)), HELO), CA.certificate()), List.of());

        assertThat(finding.status()).isEqualTo(Status.WARN);
        assertThat(finding.explanation()).contains("within 14 days");
    }

    @Test
    void expiredCertificateShouldFail() {
        Finding finding = check(List.of(leaf(NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(1)), HELO), CA.certificate()), List.of());

        assertThat(finding.status()).isEqualTo(Status.FAIL);
        assertThat(finding.explanation()).contains("expired on 2026-11-21");
    }

    @Test
    void certificateForAnotherHostShouldFail() {
        Finding finding = check(List.of(leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)), "other.example")), List.of());

        assertThat(finding.status()).isEqualTo(Status.FAIL);
        assertThat(finding.explanation()).contains("does not cover mail.good.test");
    }

    @Test
    void chainWhoseIssuerDidNotSignTheLeafShouldFail() {
        TestCertificates.Issued stranger = TestCertificates.selfSigned("Other CA", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(10)));
        X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)), HELO);

        assertThat(check(List.of(leaf, stranger.certificate()), List.of()).explanation()).startsWith("broken chain");
    }

    @Test
    void selfSignedCertificateShouldWarn() {
        X509Certificate self = TestCertificates.selfSigned(HELO, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)), HELO).certificate();

        assertThat(check(List.of(self), List.of()).status()).isEqualTo(Status.WARN);
    }

    @Test
    void noCertificateShouldWarn() {
        Finding finding = new TlsCertificateCheck(CertificateSource.NONE, zone, List.of(), CLOCK).examine(DoctorFixture.target("good.test")).get(0);

        assertThat(finding.status()).isEqualTo(Status.WARN);
        assertThat(finding.explanation()).isEqualTo("no TLS certificate configured: STARTTLS not checked");
    }

    @Test
    void pemFilesShouldBeReadInOrder(@TempDir Path directory) throws Exception {
        X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)), HELO);
        Path file = Files.writeString(directory.resolve("chain.pem"), TestCertificates.pem(leaf, CA.certificate()));

        assertThat(new PemCertificateFiles(List.of(file)).chain()).containsExactly(leaf, CA.certificate());
    }

    @Test
    void unreadableCertificateShouldFailWithTheReason(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("chain.pem"), "not a certificate");

        Finding finding = new TlsCertificateCheck(new PemCertificateFiles(List.of(file)), zone, List.of(), CLOCK)
            .examine(DoctorFixture.target("good.test")).get(0);

        assertThat(finding.status()).isEqualTo(Status.FAIL);
        assertThat(finding.explanation()).startsWith("cannot read the configured TLS certificate");
    }
}
