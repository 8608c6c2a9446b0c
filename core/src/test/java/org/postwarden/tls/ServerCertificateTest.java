package org.postwarden.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final TlsSettings SELF_SIGNED = new TlsSettings(Optional.empty(), Optional.empty(), List.of("mx.example.com"));

    @TempDir
    Path directory;

    @Test
    void firstStartShouldGenerateAPemPairWithAPrivateKeyReadableByTheOwnerOnly() throws Exception {
        ServerCertificate prepared = ServerCertificate.prepare(SELF_SIGNED, directory.resolve("tls"), NOW);

        assertThat(prepared.origin()).isEqualTo(ServerCertificate.Origin.SELF_SIGNED_GENERATED);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prepared.privateKey()))).isEqualTo("rw-------");
        X509Certificate certificate = readCertificate(prepared.certificate());
        RSAPrivateCrtKey key = readKey(prepared.privateKey());
        assertThat(key.getModulus()).isEqualTo(((java.security.interfaces.RSAPublicKey) certificate.getPublicKey()).getModulus());
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=mx.example.com");
        try (var files = Files.list(directory.resolve("tls"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                .containsExactlyInAnyOrder(ServerCertificate.CERTIFICATE_FILE, ServerCertificate.PRIVATE_KEY_FILE);
        }
    }

    @Test
    void laterStartsShouldReuseTheGeneratedPair() throws Exception {
        ServerCertificate first = ServerCertificate.prepare(SELF_SIGNED, directory, NOW);
        byte[] certificate = Files.readAllBytes(first.certificate());

        ServerCertificate second = ServerCertificate.prepare(SELF_SIGNED, directory, NOW.plusSeconds(60));

        assertThat(second.origin()).isEqualTo(ServerCertificate.Origin.SELF_SIGNED_REUSED);
        assertThat(Files.readAllBytes(second.certificate())).isEqualTo(certificate);
    }

    @Test
    void configuredFilesShouldBeUsedAsTheyAreAndNothingGenerated() throws Exception {
        Path certificate = Files.writeString(directory.resolve("fullchain.pem"), "cert");
        Path key = Files.writeString(directory.resolve("privkey.pem"), "key");
        TlsSettings configured = new TlsSettings(Optional.of(certificate), Optional.of(key), List.of("mx.example.com"));

        ServerCertificate prepared = ServerCertificate.prepare(configured, directory.resolve("tls"), NOW);

        assertThat(prepared).isEqualTo(new ServerCertificate(certificate, key, ServerCertificate.Origin.CONFIGURED));
        assertThat(prepared.selfSigned()).isFalse();
        assertThat(directory.resolve("tls")).doesNotExist();
    }

    @Test
    void aConfiguredFileThatIsMissingShouldBeAClearError() {
        TlsSettings configured = new TlsSettings(Optional.of(directory.resolve("absent.pem")), Optional.of(directory.resolve("key.pem")),
            List.of("mx.example.com"));

        assertThatThrownBy(() -> ServerCertificate.prepare(configured, directory, NOW))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("certificate").hasMessageContaining("absent.pem");
    }

    @Test
    void settingsShouldResolvePathsAgainstTheWorkingDirectoryAndDefaultTheHostName() {
        TlsSettings settings = TlsSettings.parse(Map.of("certificate", "conf/cert.pem", "privateKey", " /etc/key.pem "),
            Path.of("/srv/postwarden"), "host.example.net");

        assertThat(settings.certificate()).contains(Path.of("/srv/postwarden/conf/cert.pem"));
        assertThat(settings.privateKey()).contains(Path.of("/etc/key.pem"));
        assertThat(settings.hostNames()).containsExactly("host.example.net");
        assertThat(TlsSettings.parse(Map.of("hostnames", "mx.example.com, smtp.example.com", "certificate", ""), Path.of("/"), "x")
            .hostNames()).containsExactly("mx.example.com", "smtp.example.com");
    }

    @Test
    void settingsWithOnlyOneOfThePairShouldBeRefused() {
        assertThatThrownBy(() -> TlsSettings.parse(Map.of("certificate", "cert.pem"), Path.of("/"), "x"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("both certificate and privateKey");
    }

    private static X509Certificate readCertificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static RSAPrivateCrtKey readKey(Path pem) throws Exception {
        String text = Files.readString(pem);
        assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
