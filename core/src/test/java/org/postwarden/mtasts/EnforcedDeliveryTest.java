package org.postwarden.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.dns.StaticZone;

class EnforcedDeliveryTest {
    private static final byte[] MESSAGE = "Subject: hi\r\n\r\n.leading dot\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> RECIPIENTS = List.of("bob@remote.example", "carol@remote.example");
    private static TestCertificates mxCertificate;
    private static TestCertificates wrongName;

    @TempDir
    static Path directory;

    @BeforeAll
    static void certificates() throws Exception {
        mxCertificate = TestCertificates.selfSigned(directory, "mx.remote.example");
        wrongName = TestCertificates.selfSigned(directory, "other.example");
    }

    @Test
    void mailShouldGoOverVerifiedTlsToAMatchingMx() throws Exception {
        try (FakeMxServer mx = new FakeMxServer(mxCertificate.serverContext(), "carol@remote.example")) {
            DeliveryOutcome outcome = delivery(mx, mxCertificate.clientContext())
                .deliver("remote.example", policy("mx.remote.example"), "alice@local.example", RECIPIENTS, MESSAGE);

            assertThat(outcome.delivered()).containsExactly("bob@remote.example");
            assertThat(outcome.refused()).containsOnlyKeys("carol@remote.example");
            assertThat(outcome.deferred()).isEmpty();
            assertThat(mx.messages).containsExactly("Subject: hi\n\n..leading dot\nbody\n");
        }
    }

    @Test
    void mxWithoutStartTlsShouldGetNothing() throws Exception {
        try (FakeMxServer mx = new FakeMxServer(null, "")) {
            DeliveryOutcome outcome = delivery(mx, mxCertificate.clientContext())
                .deliver("remote.example", policy("mx.remote.example"), "alice@local.example", RECIPIENTS, MESSAGE);

            assertThat(outcome.deferred()).containsOnlyKeys(RECIPIENTS);
            assertThat(outcome.deferred().get("bob@remote.example")).contains("does not offer STARTTLS");
            assertThat(mx.messages).isEmpty();
            assertThat(mx.recipients).isEmpty();
        }
    }

    @Test
    void certificateNotValidForTheMxNameShouldGetNothing() throws Exception {
        try (FakeMxServer mx = new FakeMxServer(wrongName.serverContext(), "")) {
            DeliveryOutcome outcome = delivery(mx, TestCertificates.trusting(List.of(mxCertificate, wrongName)))
                .deliver("remote.example", policy("mx.remote.example"), "alice@local.example", RECIPIENTS, MESSAGE);

            assertThat(outcome.deferred().get("bob@remote.example")).contains("TLS with mx.remote.example failed");
            assertThat(mx.recipients).isEmpty();
        }
    }

    @Test
    void mxNotListedInThePolicyShouldNotBeContacted() throws Exception {
        try (FakeMxServer mx = new FakeMxServer(mxCertificate.serverContext(), "")) {
            DeliveryOutcome outcome = delivery(mx, mxCertificate.clientContext())
                .deliver("remote.example", policy("*.provider.example"), "alice@local.example", RECIPIENTS, MESSAGE);

            assertThat(outcome.deferred().get("bob@remote.example")).contains("matches its MTA-STS policy");
            assertThat(mx.recipients).isEmpty();
        }
    }

    private static EnforcedDelivery delivery(FakeMxServer mx, SSLContext trust) {
        StaticZone zone = StaticZone.builder()
            .mx("remote.example", 10, "mx.remote.example")
            .a("mx.remote.example", "127.0.0.1")
            .build();
        TlsConnector connector = new TlsConnector(zone, trust, Duration.ofSeconds(5));
        return new EnforcedDelivery(zone, new RequiredTlsSmtpClient(connector, "out.local.example"), mx.port());
    }

    private static MtaStsPolicy policy(String mx) throws MtaStsException {
        return MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: " + mx + "\nmax_age: 86400\n");
    }
}
