package org.postwarden.e2e.forward;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.james.utils.TestIMAPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.HamSpamd;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.e2e.harness.SmtpSink;
import org.postwarden.spam.SpamdProcess;

import io.restassured.path.json.JsonPath;

/**
 * Spam is quarantined, never forwarded: a real spamd (skipped when the Debian package spamd is not installed)
 * judges the forwards; the GTUBE test mail lands in the quarantine repository, survives a restart, and never
 * reaches the remote target until an operator releases it over /postwarden/quarantine; then it arrives once.
 * Spam for a local recipient lands in its Spam folder.
 */
@EnabledIf("spamdInstalled")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuarantineTest {
    private static final String FORWARDER = "fwd.test";
    private static final String LIST = "list@" + FORWARDER;
    private static final String TARGET = "friend@remote.example";
    private static final String READER = "reader@" + FORWARDER;
    private static final String SENDER = "news@origin.example";
    private static final String ORIGIN_ZONE = "{\"origin.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}]}";
    private static final String QUARANTINE = "var/mail/quarantine";

    private static final SpamdProcess SPAMD = spamdInstalled() ? startSpamd() : null;

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension(ORIGIN_ZONE, new ConfEdits()
        .replace("srs.properties", "domain=\n", "domain=" + FORWARDER + "\n")
        .replace("srs.properties", "secrets=\n", "secrets=quarantine-test-secret\n")
        .replace("mailetcontainer.xml", "<spamdPort>" + HamSpamd.port() + "</spamdPort>",
            "<spamdPort>" + (SPAMD == null ? HamSpamd.port() : SPAMD.port()) + "</spamdPort>"));

    static boolean spamdInstalled() {
        return SpamdProcess.isInstalled();
    }

    private static SpamdProcess startSpamd() {
        try {
            return SpamdProcess.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start spamd", e);
        }
    }

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(FORWARDER);
        server.webAdmin().createUser(LIST, "secret");
        server.webAdmin().createUser(READER, "secret");
        given(server.webAdmin().spec()).put("/address/forwards/" + LIST + "/targets/" + TARGET).then().statusCode(204);
    }

    @AfterAll
    static void stopSpamd() throws Exception {
        if (SPAMD != null) {
            SPAMD.close();
        }
    }

    private static void forward(String subject, String body) {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            mx.send(SENDER, LIST, Messages.simple(SENDER, LIST, subject).replace("Hello from the Postwarden end-to-end tests.", body));
        }
    }

    /** The quarantine as James' own webadmin lists it; the repository path is URL-encoded once. */
    private static List<String> quarantinedKeys() {
        return given(server.webAdmin().spec()).urlEncodingEnabled(false)
            .get("/mailRepositories/" + QUARANTINE.replace("/", "%2F") + "/mails")
            .then().statusCode(200).extract().jsonPath().getList("", String.class);
    }

    private static String quarantinedMail(String key) {
        return given(server.webAdmin().spec()).urlEncodingEnabled(false)
            .get("/mailRepositories/" + QUARANTINE.replace("/", "%2F") + "/mails/" + key + "?additionalFields=attributes")
            .then().statusCode(200).extract().asString();
    }

    @Test
    @Order(1)
    void aCleanForwardShouldReachTheTarget() {
        forward("monthly digest", "Hi, here is the digest of this month's meetings. See you on Tuesday.");

        await().atMost(Duration.ofSeconds(60)).until(() -> server.sink().received().stream().anyMatch(mail -> mail.data().contains("monthly digest")));
        assertThat(server.sink().received().stream().filter(mail -> mail.data().contains("monthly digest")).findFirst().orElseThrow().rcptTo())
            .containsExactly(TARGET);
        assertThat(quarantinedKeys()).isEmpty();
    }

    @Test
    @Order(2)
    void aSpamForwardShouldBeQuarantinedInsteadOfForwarded() {
        assertThat(given(server.webAdmin().spec()).get("/mailRepositories").then().statusCode(200).extract().asString())
            .contains(QUARANTINE);

        forward("cheap pills", SpamdProcess.GTUBE);

        await().atMost(Duration.ofSeconds(60)).until(() -> quarantinedKeys().size() == 1);
        String details = quarantinedMail(quarantinedKeys().get(0));
        assertThat(details).contains(TARGET).contains("postwarden.quarantine.reason").contains("spam").contains("GTUBE");
        // Both forwards left through the relay; the held-back one counts against the server's outbound reputation.
        given(server.webAdmin().spec()).get("/postwarden/reputation").then().statusCode(200)
            .body("counts.sent", equalTo(2)).body("counts.quarantined", equalTo(1)).body("worstAccounts", empty());
        // The clean forward of test 1 left long ago; give a wrongly forwarded spam the same chance.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
            .until(() -> server.sink().received().stream().noneMatch(mail -> mail.data().contains("cheap pills")));
    }

    @Test
    @Order(3)
    void aQuarantinedMailShouldSurviveARestart() throws Exception {
        List<String> before = quarantinedKeys();

        server.restart();

        assertThat(before).hasSize(1);
        assertThat(quarantinedKeys()).isEqualTo(before);
        assertThat(quarantinedMail(before.get(0))).contains("postwarden.quarantine.reason");
        assertThat(server.sink().received()).noneMatch(mail -> mail.data().contains("cheap pills"));
    }

    private static List<Map<String, Object>> listed(String query) {
        return given(server.webAdmin().spec()).get("/postwarden/quarantine/mails" + query)
            .then().statusCode(200).extract().jsonPath().getList("");
    }

    private static List<Map<String, Object>> listedWithSubject(String subject) {
        return listed("").stream().filter(mail -> subject.equals(mail.get("subject"))).toList();
    }

    private static long delivered(String subject) {
        return server.sink().received().stream().filter(mail -> mail.data().contains("Subject: " + subject)).count();
    }

    @Test
    @Order(4)
    void theQuarantineShouldBeListedInQuarantineTerms() {
        List<Map<String, Object>> mails = listed("");

        assertThat(mails).hasSize(1);
        Map<String, Object> mail = mails.get(0);
        assertThat(mail.get("key")).isEqualTo(quarantinedKeys().get(0));
        assertThat(mail.get("sender")).isEqualTo(SENDER);
        assertThat(mail.get("targets")).isEqualTo(List.of(TARGET));
        assertThat((String) mail.get("reason")).contains("spam");
        assertThat(((Number) mail.get("score")).doubleValue()).isGreaterThan(100.0);
        assertThat(mail.get("subject")).isEqualTo("cheap pills");
        assertThat(Instant.parse((String) mail.get("receivedAt"))).isBefore(Instant.now());

        assertThat(listed("?recipient=FRIEND@&sender=origin.example&reason=spam&since=2000-01-01&until=2999-01-01T00:00:00Z&limit=5")).hasSize(1);
        assertThat(listed("?recipient=nobody@")).isEmpty();
        assertThat(listed("?reason=dmarc")).isEmpty();
        assertThat(listed("?since=2999-01-01")).isEmpty();
        given(server.webAdmin().spec()).get("/postwarden/quarantine/mails?since=yesterday").then().statusCode(400)
            .body("type", equalTo("InvalidArgument"));
        given(server.webAdmin().spec()).get("/postwarden/quarantine/mails?limit=0").then().statusCode(400);
    }

    @Test
    @Order(5)
    void aQuarantinedMailShouldBeShownWithItsHeadersAndSpamReport() {
        String key = quarantinedKeys().get(0);

        JsonPath mail = given(server.webAdmin().spec()).get("/postwarden/quarantine/mails/" + key)
            .then().statusCode(200).extract().jsonPath();

        assertThat(mail.getString("key")).isEqualTo(key);
        assertThat(mail.getList("targets", String.class)).containsExactly(TARGET);
        assertThat(mail.getString("report")).contains("GTUBE");
        assertThat(mail.getList("headers", String.class)).contains("Subject: cheap pills")
            .anyMatch(header -> header.startsWith("Message-ID: ") || header.startsWith("Message-Id: "));
        given(server.webAdmin().spec()).get("/postwarden/quarantine/mails/no-such-mail").then().statusCode(404);
    }

    @Test
    @Order(6)
    void aReleasedMailShouldReachItsOriginalTargetOnceWithItsHeaders() {
        String key = quarantinedKeys().get(0);
        String messageId = given(server.webAdmin().spec()).get("/postwarden/quarantine/mails/" + key)
            .then().statusCode(200).extract().jsonPath().getList("headers", String.class).stream()
            .filter(header -> header.regionMatches(true, 0, "Message-ID: ", 0, 12)).findFirst().orElseThrow();
        given(server.webAdmin().spec()).post("/postwarden/quarantine/mails/" + key + "?action=forward").then().statusCode(400);
        given(server.webAdmin().spec()).post("/postwarden/quarantine/mails/no-such-mail?action=release").then().statusCode(404);

        given(server.webAdmin().spec()).post("/postwarden/quarantine/mails/" + key + "?action=release").then().statusCode(200)
            .body("key", equalTo(key));

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered("cheap pills") >= 1);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> delivered("cheap pills") == 1);
        SmtpSink.ReceivedMail released = server.sink().received().stream()
            .filter(mail -> mail.data().contains("Subject: cheap pills")).findFirst().orElseThrow();
        assertThat(released.rcptTo()).containsExactly(TARGET);
        assertThat(released.data()).contains(messageId.substring("Message-ID: ".length())).contains(SpamdProcess.GTUBE);
        assertThat(listed("")).isEmpty();
        assertThat(quarantinedKeys()).isEmpty();
        given(server.webAdmin().spec()).get("/postwarden/quarantine/mails/" + key).then().statusCode(404);
    }

    @Test
    @Order(7)
    void aDeletedMailShouldBeGoneForGood() {
        forward("more pills", SpamdProcess.GTUBE);
        await().atMost(Duration.ofSeconds(60)).until(() -> listedWithSubject("more pills").size() == 1);
        String key = (String) listedWithSubject("more pills").get(0).get("key");

        given(server.webAdmin().spec()).delete("/postwarden/quarantine/mails/" + key).then().statusCode(204);

        given(server.webAdmin().spec()).get("/postwarden/quarantine/mails/" + key).then().statusCode(404);
        given(server.webAdmin().spec()).delete("/postwarden/quarantine/mails/" + key).then().statusCode(404);
        assertThat(quarantinedKeys()).doesNotContain(key);
        assertThat(delivered("more pills")).isZero();
    }

    @Test
    @Order(8)
    void spamForALocalRecipientShouldLandInItsSpamFolderAndCleanMailInItsInbox() throws Exception {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            mx.send(SENDER, READER, Messages.simple(SENDER, READER, "local pills").replace("Hello from the Postwarden end-to-end tests.", SpamdProcess.GTUBE));
            mx.send(SENDER, READER, Messages.simple(SENDER, READER, "local digest"));
        }

        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(READER, "secret");
            await().atMost(Duration.ofSeconds(60)).until(() -> imap.list().stream().anyMatch(folder -> folder.contains("Spam")));
            imap.select("Spam").awaitMessage(await().atMost(Duration.ofSeconds(60)));
            assertThat(imap.readFirstMessage()).contains("Subject: local pills").contains("X-Spam-Status: Yes, score=");
            imap.select(TestIMAPClient.INBOX).awaitMessage(await().atMost(Duration.ofSeconds(60)));
            assertThat(imap.readFirstMessage()).contains("Subject: local digest").doesNotContain("X-Spam-Status");
            assertThat(imap.getMessageCount(TestIMAPClient.INBOX)).isEqualTo(1);
        }
        assertThat(quarantinedKeys()).isEmpty();
    }
}
