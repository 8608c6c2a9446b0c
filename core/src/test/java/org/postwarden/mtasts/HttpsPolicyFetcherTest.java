package org.postwarden.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.dns.StaticZone;

class HttpsPolicyFetcherTest {
    private static final String POLICY = "version: STSv1\nmode: enforce\nmx: mx.remote.example\nmax_age: 86400\n";
    private static TestCertificates certificate;
    private static TestCertificates stranger;

    @TempDir
    static Path directory;

    private HttpsServer server;

    @BeforeAll
    static void certificates() throws Exception {
        certificate = TestCertificates.selfSigned(directory, "mta-sts.remote.example");
        stranger = TestCertificates.selfSigned(directory, "mta-sts.remote.example");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void policyShouldBeFetchedFromTheHostResolvedThroughOurZone() throws Exception {
        serve(200, "text/plain; charset=utf-8", POLICY.getBytes(StandardCharsets.UTF_8), false);

        MtaStsPolicy policy = fetcher(certificate.clientContext(), zone()).fetch("remote.example");

        assertThat(policy.mode()).isEqualTo(MtaStsPolicy.Mode.ENFORCE);
        assertThat(policy.mx()).containsExactly("mx.remote.example");
    }

    @Test
    void chunkedBodiesShouldBeRead() throws Exception {
        serve(200, "text/plain", POLICY.getBytes(StandardCharsets.UTF_8), true);

        assertThat(fetcher(certificate.clientContext(), zone()).fetch("remote.example").mx()).containsExactly("mx.remote.example");
    }

    @Test
    void untrustedCertificateShouldFail() throws Exception {
        serve(200, "text/plain", POLICY.getBytes(StandardCharsets.UTF_8), false);

        assertThatThrownBy(() -> fetcher(stranger.clientContext(), zone()).fetch("remote.example"))
            .isInstanceOf(MtaStsException.class).hasMessageContaining("TLS with mta-sts.remote.example failed");
    }

    @Test
    void certificateForAnotherHostShouldFail() throws Exception {
        serve(200, "text/plain", POLICY.getBytes(StandardCharsets.UTF_8), false);
        StaticZone zone = StaticZone.builder().a("mta-sts.other.example", "127.0.0.1").build();

        assertThatThrownBy(() -> fetcher(certificate.clientContext(), zone).fetch("other.example"))
            .isInstanceOf(MtaStsException.class).hasMessageContaining("TLS with mta-sts.other.example failed");
    }

    @Test
    void redirectShouldNotBeFollowed() throws Exception {
        serve(301, "text/plain", new byte[0], false);

        assertThatThrownBy(() -> fetcher(certificate.clientContext(), zone()).fetch("remote.example"))
            .hasMessageContaining("HTTP 301");
    }

    @Test
    void otherContentTypeShouldBeRefused() throws Exception {
        serve(200, "text/html", POLICY.getBytes(StandardCharsets.UTF_8), false);

        assertThatThrownBy(() -> fetcher(certificate.clientContext(), zone()).fetch("remote.example"))
            .hasMessageContaining("text/html");
    }

    @Test
    void bodyOverSixtyFourKilobytesShouldBeRefused() throws Exception {
        byte[] large = (POLICY + "#".repeat(PolicyResponse.MAX_BODY)).getBytes(StandardCharsets.UTF_8);
        serve(200, "text/plain", large, false);
        assertThatThrownBy(() -> fetcher(certificate.clientContext(), zone()).fetch("remote.example")).hasMessageContaining("exceeds");

        serve(200, "text/plain", large, true);
        assertThatThrownBy(() -> fetcher(certificate.clientContext(), zone()).fetch("remote.example")).hasMessageContaining("exceeds");
    }

    @Test
    void policyHostWithoutAddressShouldFail() throws Exception {
        assertThatThrownBy(() -> fetcher(certificate.clientContext(), StaticZone.builder().build()).fetch("remote.example"))
            .hasMessageContaining("mta-sts.remote.example has no address");
    }

    private StaticZone zone() {
        return StaticZone.builder().a("mta-sts.remote.example", "127.0.0.1").build();
    }

    private HttpsPolicyFetcher fetcher(SSLContext trust, StaticZone zone) {
        return new HttpsPolicyFetcher(new TlsConnector(zone, trust, Duration.ofSeconds(5)), server == null ? 1 : server.getAddress().getPort());
    }

    private void serve(int status, String contentType, byte[] body, boolean chunked) throws Exception {
        stop();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.createContext(HttpsPolicyFetcher.PATH, exchange -> {
            exchange.getResponseHeaders().put("Content-Type", List.of(contentType));
            if (status == 301) {
                exchange.getResponseHeaders().put("Location", List.of("https://elsewhere.example/"));
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : chunked ? 0 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }
}
