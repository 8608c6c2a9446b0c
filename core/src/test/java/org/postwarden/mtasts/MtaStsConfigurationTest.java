package org.postwarden.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MtaStsConfigurationTest {
    @TempDir
    Path root;

    @Test
    void defaultsShouldBeTheStandardPortsAndTheJdkCas() throws Exception {
        MtaStsConfiguration configuration = MtaStsConfiguration.from(Map.of());

        assertThat(configuration).isEqualTo(new MtaStsConfiguration(Optional.empty(), "", Duration.ofSeconds(30), 443, 25));
        assertThat(configuration.trust(root).getProtocol()).isEqualTo("TLS");
    }

    @Test
    void trustStoreFileShouldBeReadRelativeToTheRoot() throws Exception {
        TestCertificates certificate = TestCertificates.selfSigned(root, "mta-sts.remote.example");
        try (OutputStream out = Files.newOutputStream(root.resolve("trust.p12"))) {
            certificate.trustStore().store(out, "secret".toCharArray());
        }

        MtaStsConfiguration configuration = MtaStsConfiguration.from(Map.of("trustStore", "trust.p12", "trustStorePassword", "secret"));

        assertThat(configuration.trust(root)).isNotNull();
        assertThatThrownBy(() -> MtaStsConfiguration.from(Map.of("trustStore", "missing.p12")).trust(root))
            .hasMessageContaining("missing.p12");
    }

    @Test
    void invalidNumbersShouldBeRefusedWithTheKey() {
        assertThatThrownBy(() -> MtaStsConfiguration.from(Map.of("smtpPort", "70000"))).hasMessageContaining("smtpPort");
        assertThatThrownBy(() -> MtaStsConfiguration.from(Map.of("timeout", "soon"))).hasMessageContaining("timeout");
    }
}
