package org.postwarden.e2e.outbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import org.apache.james.utils.TestIMAPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;

import io.restassured.path.json.JsonPath;

/**
 * The outbound reputation guard with the shipped pipeline: an account whose remote recipients refuse its mail (the
 * sink answers 550 at RCPT) is suspended with the throttle's suspension once it sent enough, while an account
 * whose mail is delivered keeps sending. The tests build on each other, hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReputationGuardTest {
    private static final String DOMAIN = "reputation.test";
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;
    private static final String FRIEND = "friend@remote.example";
    // mailetcontainer.xml's <postmaster>postmaster</postmaster> in the default domain of domainlist.xml.
    private static final String POSTMASTER = "postmaster@localhost";
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    // Judged from 4 messages, suspended above 30%, and James' Prometheus route on: the edits fail loudly if the
    // shipped keys change.
    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension("{}",
        new ConfEdits()
            .replace("reputation.properties", "minMessages=20", "minMessages=4")
            .replace("reputation.properties", "maxBadShare=0.10", "maxBadShare=0.3")
            .replace("webadmin.properties", "extensions.routes=",
                "extensions.routes=org.apache.james.webadmin.dropwizard.MetricsRoutes"));

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        for (String user : new String[] {ALICE, BOB, POSTMASTER}) {
            server.webAdmin().createUser(user, PASSWORD);
        }
    }

    /** One message to a remote recipient over submission; the reply to the first refused command, or to the dot. */
    private static String submit(String user, String subject) {
        try (SmtpSession smtp = SmtpSession.connect(server.ports().submission())) {
            assertThat(smtp.authenticate(user, PASSWORD)).startsWith("235");
            String reply = smtp.mailFrom(user);
            if (!reply.startsWith("250")) {
                return reply;
            }
            reply = smtp.rcptTo(FRIEND);
            if (!reply.startsWith("250")) {
                return reply;
            }
            return smtp.data(Messages.simple(user, FRIEND, subject));
        }
    }

    private static JsonPath reputation(String user) {
        return given(server.webAdmin().spec()).get("/postwarden/reputation/users/" + user)
            .then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void deliveredMailShouldCountAsSentAndNothingElse() {
        for (int message = 1; message <= 4; message++) {
            assertThat(submit(BOB, "hello " + message)).as("message %s", message).startsWith("250");
        }
        await().atMost(DELIVERY).until(() -> server.sink().received().size() == 4);

        JsonPath bob = reputation(BOB);
        assertThat(bob.getLong("counts.sent")).isEqualTo(4);
        assertThat(bob.getLong("counts.bad")).isZero();
        assertThat(bob.getBoolean("judged")).isTrue();
        assertThat(bob.getBoolean("suspended")).isFalse();
    }

    @Test
    @Order(2)
    void refusalsShouldBeCountedButNotJudgedBelowTheMinimumVolume() {
        server.sink().refusePermanently();
        for (int message = 1; message <= 3; message++) {
            assertThat(submit(ALICE, "refused " + message)).as("message %s", message).startsWith("250");
            int refused = message;
            await().atMost(DELIVERY).until(() -> reputation(ALICE).getLong("counts.refused") == refused);
        }

        JsonPath alice = reputation(ALICE);
        assertThat(alice.getLong("counts.sent")).isEqualTo(3);
        assertThat(alice.getDouble("counts.badShare")).isEqualTo(1.0);
        assertThat(alice.getBoolean("judged")).isFalse();
        assertThat(alice.getBoolean("suspended")).isFalse();
        assertThat(submit(ALICE, "still allowed")).startsWith("250");
    }

    @Test
    @Order(3)
    void anAccountAboveTheShareShouldBeSuspendedAndThePostmasterTold() throws Exception {
        await().atMost(DELIVERY).until(() -> reputation(ALICE).getBoolean("suspended"));

        assertThat(reputation(ALICE).getString("suspensionReason"))
            .isEqualTo("outbound reputation: 100.0% of 4 messages in 1d refused, bounced or quarantined "
                + "(4 refused, 0 bounced, 0 quarantined), more than the 30.0% allowed");
        try (SmtpSession smtp = SmtpSession.connect(server.ports().submission())) {
            assertThat(smtp.authenticate(ALICE, PASSWORD)).startsWith("235");
            assertThat(smtp.mailFrom(ALICE)).startsWith("550 5.7.1 account suspended");
        }
        given(server.webAdmin().spec()).get("/postwarden/throttle/suspensions")
            .then().statusCode(200)
            .body("find { it.user == '" + ALICE + "' }.reason", containsString("outbound reputation: 100.0%"))
            .body("find { it.user == '" + ALICE + "' }.counters.refused", equalTo(4))
            .body("user", not(hasItem(BOB)));
        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(POSTMASTER, PASSWORD).select(TestIMAPClient.INBOX)
                .awaitMessage(await().atMost(DELIVERY));
            assertThat(imap.readFirstMessage())
                .contains("Subject: Postwarden: account " + ALICE + " suspended")
                .contains("outbound reputation");
        }
    }

    @Test
    @Order(4)
    void theServerWideShareShouldNameTheWorstAccountFirstInWebadminAndMetricsAndTheCleanAccountShouldKeepSending() {
        server.sink().accept();
        assertThat(submit(BOB, "still fine")).startsWith("250");
        await().atMost(DELIVERY).until(() -> server.sink().received().size() == 5);

        given(server.webAdmin().spec()).get("/postwarden/reputation")
            .then().statusCode(200)
            .body("policy.minMessages", equalTo(4))
            .body("counts.sent", equalTo(9))
            .body("counts.refused", equalTo(4))
            .body("worstAccounts[0].user", equalTo(ALICE))
            .body("worstAccounts[1].user", equalTo(BOB))
            .body("worstAccounts[1].badShare", equalTo(0.0f));
        assertThat(reputation(BOB).getBoolean("suspended")).isFalse();
        assertThat(given(server.webAdmin().spec()).get("/metrics").then().statusCode(200).extract().asString())
            .contains("postwarden_reputation_sent 9.0")
            .contains("postwarden_reputation_bad 4.0")
            .containsPattern("postwarden_reputation_badShare 0\\.444");
    }
}
