package org.postwarden.e2e.robustness;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.james.utils.TestIMAPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.HamSpamd;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;

/**
 * Faults of what the server depends on give the documented behaviour, lose no mail and leave the server up: DNS
 * that times out or fails (the zone fixture), a spamd that does not answer, a quarantine that cannot store (a full
 * disk, simulated by a file where its directory was). Redis going away is proven by GreylistSharedRedisTest and
 * ThrottleSharedRedisTest.
 */
class FaultInjectionTest {
    private static final String DOMAIN = "faults.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String LIST = "list@" + DOMAIN;
    private static final String PASSWORD = "secret";
    private static final String REMOTE = "friend@remote.example";
    private static final String ZONE = "{\"origin.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}],"
        + " \"broken.example\": [\"SERVFAIL\"], \"_dmarc.broken.example\": [\"SERVFAIL\"],"
        + " \"slow.example\": [\"TIMEOUT\"], \"_dmarc.slow.example\": [\"TIMEOUT\"],"
        + " \"spoofed.example\": [{\"TXT\": \"v=spf1 -all\"}],"
        + " \"_dmarc.spoofed.example\": [{\"TXT\": \"v=DMARC1; p=quarantine\"}]}";
    private static final int SILENT_SPAMD_PORT = unusedPort();

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension(ZONE, new ConfEdits()
        .replace("srs.properties", "domain=\n", "domain=" + DOMAIN + "\n")
        .replace("srs.properties", "secrets=\n", "secrets=fault-test-secret\n")
        .replace("authentication.properties", "spf.timeBudget=20s", "spf.timeBudget=2s")
        .replace("mailetcontainer.xml", "<spamdPort>" + HamSpamd.port() + "</spamdPort>",
            "<spamdPort>" + SILENT_SPAMD_PORT + "</spamdPort><timeout>2 seconds</timeout>"
                + "<retryDelay>1 seconds</retryDelay><maxRetries>2</maxRetries>"));

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
        server.webAdmin().createUser(LIST, PASSWORD);
        given(server.webAdmin().spec()).put("/address/forwards/" + LIST + "/targets/" + REMOTE).then().statusCode(204);
    }

    @Test
    void failingDnsShouldBeTaggedTemperrorAndTheMailDelivered() throws Exception {
        for (String sender : List.of("someone@broken.example", "someone@slow.example")) {
            String subject = "dns fault " + sender;
            try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
                mx.send(sender, ALICE, Messages.simple(sender, ALICE, subject));
            }
            String delivered = awaitInInbox(subject).replace("\r\n\t", " ").replace("\r\n ", " ");
            assertThat(delivered).contains("spf=temperror").contains("dmarc=temperror");
        }
        assertServerStillDelivers();
    }

    @Test
    void aForwardWhileSpamdIsDownShouldBeQuarantinedUncheckedAfterItsRetries() throws Exception {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            mx.send("news@origin.example", LIST, Messages.simple("news@origin.example", LIST, "spamd is down"));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            given(server.webAdmin().spec()).queryParam("reason", "unchecked").get("/postwarden/quarantine/mails")
                .then().statusCode(200).body("subject", hasItem("spamd is down")));
        assertThat(server.sink().received()).noneMatch(mail -> mail.data().contains("spamd is down"));
        assertServerStillDelivers();
    }

    @Test
    void aQuarantineThatCannotStoreShouldKeepTheForwardOnTheSpoolUntilItCan() throws Exception {
        Path quarantine = server.root().resolve("var/mail/quarantine");
        Path aside = server.root().resolve("var/mail/quarantine-aside");
        Files.move(quarantine, aside);
        Files.writeString(quarantine, "not a directory: the disk is full");
        try {
            try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
                mx.send("ceo@spoofed.example", LIST, Messages.simple("ceo@spoofed.example", LIST, "disk full"));
            }
            // Several retries go by: the forward is neither sent, nor bounced, nor put in the error repository.
            Thread.sleep(5_000);
            assertThat(server.sink().received()).noneMatch(mail -> mail.data().contains("disk full"));
            assertThat(errorRepository()).isEmpty();
        } finally {
            Files.delete(quarantine);
            Files.move(aside, quarantine);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            given(server.webAdmin().spec()).queryParam("reason", "dmarc=fail").get("/postwarden/quarantine/mails")
                .then().statusCode(200).body("subject", hasItem("disk full")));
        assertThat(server.sink().received()).noneMatch(mail -> mail.data().contains("disk full"));
        assertServerStillDelivers();
    }

    private static void assertServerStillDelivers() throws Exception {
        String subject = "still up " + System.nanoTime();
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            mx.send("news@origin.example", ALICE, Messages.simple("news@origin.example", ALICE, subject));
        }
        assertThat(awaitInInbox(subject)).contains(subject);
    }

    private static String awaitInInbox(String subject) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (TestIMAPClient imap = Imaps.client()) {
                imap.connect("127.0.0.1", server.ports().imaps()).login(ALICE, PASSWORD).select(TestIMAPClient.INBOX);
                if (imap.getMessageCount(TestIMAPClient.INBOX) == 0) {
                    return "";
                }
                // One FETCH response per message: keep the one with this subject.
                for (String message : imap.sendCommand("FETCH 1:* (BODY.PEEK[HEADER])").split("\r\n\\* ")) {
                    if (message.contains("Subject: " + subject + "\r\n")) {
                        return message;
                    }
                }
                return "";
            }
        }, text -> !text.isEmpty());
    }

    /** The keys in James' error repository (the mailetcontainer's dead end); none when it was never created. */
    private static List<String> errorRepository() {
        var response = given(server.webAdmin().spec()).urlEncodingEnabled(false)
            .get("/mailRepositories/var%2Fmail%2Ferror/mails").then().extract();
        assertThat(response.statusCode()).isIn(200, 404);
        return response.statusCode() == 404 ? List.of() : response.jsonPath().getList("", String.class);
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
