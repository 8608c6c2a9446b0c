package org.postwarden.e2e.forward;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

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
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.spam.SpamdProcess;

/**
 * Spam is quarantined, never forwarded: a real spamd (skipped when the Debian package spamd is not installed)
 * judges the forwards; the GTUBE test mail lands in the quarantine repository, survives a restart, and never
 * reaches the remote target.
 */
@EnabledIf("spamdInstalled")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuarantineTest {
    private static final String FORWARDER = "fwd.test";
    private static final String LIST = "list@" + FORWARDER;
    private static final String TARGET = "friend@remote.example";
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
}
