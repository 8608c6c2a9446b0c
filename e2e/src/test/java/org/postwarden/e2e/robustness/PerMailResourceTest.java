package org.postwarden.e2e.robustness;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.ServerProcess;
import org.postwarden.e2e.harness.SmtpSession;

/**
 * What every mail costs beyond its delivery, through the shipped mailet container: inbound mail to a local user,
 * authenticated relay and a forward. No mail leaves an undisposed resource behind (James' leak detector, in its
 * advanced mode, logs "Leak detected!" when one is garbage-collected), and a mail writes at most one INFO line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerMailResourceTest {
    private static final String DOMAIN = "leak.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String LIST = "list@" + DOMAIN;
    private static final String PASSWORD = "secret";
    private static final String SENDER = "news@origin.example";
    private static final String REMOTE = "friend@remote.example";
    private static final String ZONE = "{\"origin.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}]}";
    private static final int MAILS_PER_FLOW = 100;

    private static ServerProcess server;
    private static int inboxCount;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(ZONE, new ConfEdits()
            .replace("throttle.properties", "newAccount.messages=10/1d", "newAccount.messages=1000000/30d")
            .replace("throttle.properties", "user.messages=100/1h, 1000/1d", "user.messages=1000000/1h")
            .replace("throttle.properties", "suspend.messages=300/10m", "suspend.messages=1000000/10m")
            .replace("throttle.properties", "ip.messages=300/1m", "ip.messages=1000000/1m")
            .replace("srs.properties", "domain=\n", "domain=" + DOMAIN + "\n")
            .replace("srs.properties", "secrets=\n", "secrets=leak-test-secret\n"),
            List.of("-Djames.lifecycle.leak.detection.mode=advanced"));
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
        server.webAdmin().createUser(LIST, PASSWORD);
        given(server.webAdmin().spec()).put("/address/forwards/" + LIST + "/targets/" + REMOTE).then().statusCode(204);
        // The first delivery creates Alice's INBOX, logged once per user, not per mail.
        sendThroughEveryFlow(1, "warm-up");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    @Order(1)
    void aMailShouldWriteAtMostOneInfoLine() throws Exception {
        int mailsPerFlow = 3;
        List<String> before = logLines();
        sendThroughEveryFlow(mailsPerFlow, "info");
        Thread.sleep(1_000);

        // The test's own IMAP connections, polling for the delivered mail, are not the mails' doing.
        List<String> info = logLines().subList(before.size(), logLines().size()).stream()
            .filter(line -> line.matches("\\S+ \\S+ INFO .*") && !line.contains("org.apache.james.imapserver")).toList();
        assertThat(info).as("INFO lines for %d mails", 3 * mailsPerFlow).hasSizeLessThanOrEqualTo(3 * mailsPerFlow);
    }

    @Test
    @Order(2)
    void noMailShouldLeaveAnUndisposedResource() throws Exception {
        sendThroughEveryFlow(MAILS_PER_FLOW, "load");
        Thread.sleep(1_000);
        server.collectGarbage();
        Thread.sleep(500);
        // The detector reports collected resources when the next one is created: one more mail does it.
        sendThroughEveryFlow(1, "after-gc");
        Thread.sleep(1_000);

        List<String> leaks = logLines().stream().filter(line -> line.contains("Leak detected")).toList();
        assertThat(leaks).as("leaks reported, the first one with its trace:\n%s", firstReport()).isEmpty();
    }

    private static void sendThroughEveryFlow(int mailsPerFlow, String tag) throws Exception {
        int sunkBefore = server.sink().received().size();
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp());
             SmtpSession submission = SmtpSession.connect(server.ports().submission())) {
            assertThat(submission.authenticate(ALICE, PASSWORD)).startsWith("235");
            for (int i = 0; i < mailsPerFlow; i++) {
                mx.send(SENDER, ALICE, Messages.simple(SENDER, ALICE, tag + " inbound " + i));
                submission.send(ALICE, REMOTE, Messages.simple(ALICE, REMOTE, tag + " relay " + i));
                mx.send(SENDER, LIST, Messages.simple(SENDER, LIST, tag + " forward " + i));
            }
        }
        inboxCount += mailsPerFlow;
        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(ALICE, PASSWORD).select(TestIMAPClient.INBOX)
                .awaitMessageCount(await().atMost(Duration.ofSeconds(120)), inboxCount);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> server.sink().received().size() >= sunkBefore + 2 * mailsPerFlow);
    }

    private static List<String> logLines() throws Exception {
        return Files.readAllLines(server.log(), StandardCharsets.UTF_8);
    }

    private static String firstReport() throws Exception {
        String log = Files.readString(server.log(), StandardCharsets.UTF_8);
        int start = log.indexOf("Leak detected");
        return start < 0 ? "" : log.substring(start, Math.min(log.length(), start + 4_000));
    }
}
