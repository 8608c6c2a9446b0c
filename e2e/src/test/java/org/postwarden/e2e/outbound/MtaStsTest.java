package org.postwarden.e2e.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.e2e.harness.SmtpSink;
import org.postwarden.mtasts.HttpsPolicyFetcher;
import org.postwarden.mtasts.TestCertificates;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * Outbound MTA-STS against a local HTTPS policy server trusted through mta-sts.properties' trust store, with the
 * sink (no STARTTLS) as every domain's MX.
 */
class MtaStsTest {
    private static final String DOMAIN = "postwarden.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String PASSWORD = "alice-secret";
    private static final Duration RETRY_DELAY = Duration.ofSeconds(3);
    private static final int MAX_RETRIES = 2;
    private static final TestCertificates CERTIFICATE = certificate();
    private static final HttpsServer POLICIES = startPolicyServer();

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension(zone(), edits());

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
    }

    @AfterAll
    static void stopPolicyServer() {
        POLICIES.stop(0);
    }

    @Test
    void mailToAnEnforcedDomainWhoseMxHasNoTlsShouldStayQueuedThenBounce() throws Exception {
        int connectionsBefore = server.sink().connections();
        Instant submitted = Instant.now();
        submit("bob@enforce.example", "enforced-1");

        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(ALICE, PASSWORD).select(TestIMAPClient.INBOX)
                .awaitMessage(await().atMost(Duration.ofSeconds(60)));
            Duration bouncedAfter = Duration.between(submitted, Instant.now());
            String dsn = imap.readFirstMessage();

            assertThat(dsn).contains("bob@enforce.example").contains("does not offer STARTTLS");
            // Tried at once, then after each retry delay: only then bounced.
            assertThat(bouncedAfter).isGreaterThanOrEqualTo(RETRY_DELAY.multipliedBy(MAX_RETRIES));
            assertThat(server.sink().connections() - connectionsBefore).isGreaterThanOrEqualTo(MAX_RETRIES + 1);
        }
        assertThat(server.sink().received()).noneMatch(mail -> mail.rcptTo().contains("bob@enforce.example"));
    }

    @Test
    void mailToATestingDomainShouldBeDeliveredAnyway() {
        submit("carol@testing.example", "testing-1");

        assertThat(awaitDelivery("carol@testing.example").data()).contains("Subject: testing-1");
    }

    @Test
    void mailToADomainWithoutPolicyShouldBeDelivered() {
        submit("dave@nopolicy.example", "nopolicy-1");

        assertThat(awaitDelivery("dave@nopolicy.example").data()).contains("Subject: nopolicy-1");
    }

    private static void submit(String recipient, String subject) {
        try (SmtpSession submission = SmtpSession.connect(server.ports().submission())) {
            assertThat(submission.authenticate(ALICE, PASSWORD)).startsWith("235");
            submission.send(ALICE, recipient, Messages.simple(ALICE, recipient, subject));
        }
    }

    private static SmtpSink.ReceivedMail awaitDelivery(String recipient) {
        await().atMost(Duration.ofSeconds(30)).until(() -> server.sink().received().stream()
            .anyMatch(mail -> mail.rcptTo().contains(recipient)));
        return server.sink().received().stream().filter(mail -> mail.rcptTo().contains(recipient)).findFirst().orElseThrow();
    }

    private static String zone() {
        return "{"
            + domain("enforce") + "," + domain("testing") + ","
            + "\"nopolicy.example\": [{\"MX\": [10, \"mx.nopolicy.example\"]}],"
            + "\"mx.nopolicy.example\": [{\"A\": \"127.0.0.1\"}]"
            + "}";
    }

    private static String domain(String name) {
        String domain = name + ".example";
        return "\"" + domain + "\": [{\"MX\": [10, \"mx." + domain + "\"]}],"
            + "\"mx." + domain + "\": [{\"A\": \"127.0.0.1\"}],"
            + "\"_mta-sts." + domain + "\": [{\"TXT\": \"v=STSv1; id=20250101\"}],"
            + "\"mta-sts." + domain + "\": [{\"A\": \"127.0.0.1\"}]";
    }

    private static ConfEdits edits() {
        try {
            Path directory = Files.createTempDirectory("mta-sts-trust");
            Path trustStore = directory.resolve("trust.p12");
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                CERTIFICATE.trustStore().store(out, "changeit".toCharArray());
            }
            return new ConfEdits()
                .replace("mta-sts.properties", "#trustStore=conf/mta-sts-truststore.p12", "trustStore=" + trustStore)
                .replace("mta-sts.properties", "#trustStorePassword=changeit", "trustStorePassword=changeit")
                .replace("mta-sts.properties", "httpsPort=443", "httpsPort=" + POLICIES.getAddress().getPort())
                .replace("mta-sts.properties", "delayTime=5m, 30m, 1h, 4h", "delayTime=" + RETRY_DELAY.toSeconds() + "s")
                .replace("mta-sts.properties", "maxRetries=30", "maxRetries=" + MAX_RETRIES);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestCertificates certificate() {
        try {
            return TestCertificates.selfSigned(Files.createTempDirectory("mta-sts-cert"), "mta-sts.enforce.example",
                "mta-sts.testing.example");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves each domain's policy by its Host header: mode enforce or testing, the MX being the sink. */
    private static HttpsServer startPolicyServer() {
        try {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(CERTIFICATE.serverContext()));
            https.createContext(HttpsPolicyFetcher.PATH, exchange -> {
                String host = exchange.getRequestHeaders().getFirst("Host").split(":")[0];
                String domain = host.substring("mta-sts.".length());
                String mode = domain.startsWith("enforce") ? "enforce" : "testing";
                byte[] body = ("version: STSv1\nmode: " + mode + "\nmx: mx." + domain + "\nmax_age: 86400\n")
                    .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().put("Content-Type", List.of("text/plain"));
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            https.start();
            return https;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
