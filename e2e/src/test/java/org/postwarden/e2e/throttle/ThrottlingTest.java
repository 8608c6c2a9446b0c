package org.postwarden.e2e.throttle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.james.utils.TestIMAPClient;
import org.apache.james.utils.UpdatableTickingClock;
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

/**
 * Sender throttling over SMTP with the server's clock under the test's control and the shipped jdbc store. The
 * tests build on each other (the restart checks what the earlier ones left), hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThrottlingTest {
    private static final String DOMAIN = "throttle.test";
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String CAROL = "carol@" + DOMAIN;
    private static final String DAVE = "dave@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;
    // mailetcontainer.xml's <postmaster>postmaster</postmaster> in the default domain of domainlist.xml.
    private static final String POSTMASTER = "postmaster@localhost";
    private static final UpdatableTickingClock CLOCK = new UpdatableTickingClock(Instant.now());

    // Shorter than the shipped limits so that the tests stay short; the edits fail loudly if the keys change.
    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension("{}",
        new ConfEdits()
            .replace("throttle.properties", "newAccount.messages=10/1d", "newAccount.messages=3/1d")
            .replace("throttle.properties", "suspend.messages=300/10m", "suspend.messages=10/10m"),
        binder -> binder.bind(Clock.class).toInstance(CLOCK));

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        for (String user : new String[] {ALICE, CAROL, DAVE, BOB, POSTMASTER}) {
            server.webAdmin().createUser(user, PASSWORD);
        }
    }

    /** One message over submission; the reply to the first command that is not positive, or to the final dot. */
    private static String submit(String user, String from) {
        try (SmtpSession smtp = SmtpSession.connect(server.ports().submission())) {
            assertThat(smtp.authenticate(user, PASSWORD)).startsWith("235");
            String reply = smtp.mailFrom(from);
            if (!reply.startsWith("250")) {
                return reply;
            }
            reply = smtp.rcptTo(BOB);
            if (!reply.startsWith("250")) {
                return reply;
            }
            return smtp.data(Messages.simple(from, BOB, "throttled?"));
        }
    }

    private static void later(Duration duration) {
        CLOCK.setInstant(CLOCK.instant().plus(duration));
    }

    @Test
    @Order(1)
    void anOverrideOfFivePerMinuteShouldRefuseTheSixthMessageUntilTheWindowHasPassed() {
        given(server.webAdmin().spec()).body("{\"messages\": \"5/1m\"}")
            .put("/postwarden/throttle/users/" + ALICE + "/override").then().statusCode(204);

        for (int message = 1; message <= 5; message++) {
            assertThat(submit(ALICE, ALICE)).as("message %s", message).startsWith("250");
        }
        // Plus-addressing and case do not get a fresh counter.
        assertThat(submit(ALICE, "Alice+news@Throttle.TEST")).startsWith("451 4.7.1").contains("retry in");
        given(server.webAdmin().spec()).get("/postwarden/throttle/users/" + ALICE)
            .then().statusCode(200)
            .body("tier", equalTo("override"))
            .body("limits.messages", equalTo("5/1m"))
            .body("counters.find { it.counter == 'messages' }.used", equalTo(5));

        later(Duration.ofMinutes(1));
        assertThat(submit(ALICE, ALICE)).startsWith("250");
        later(Duration.ofMinutes(11)); // alice's attempts leave the hard threshold's window
    }

    @Test
    @Order(2)
    void aNewAccountShouldBeLimitedToItsDailyCap() {
        for (int message = 1; message <= 3; message++) {
            assertThat(submit(CAROL, CAROL)).as("message %s", message).startsWith("250");
        }
        assertThat(submit(CAROL, CAROL)).startsWith("451 4.7.1");
        given(server.webAdmin().spec()).get("/postwarden/throttle/users/" + CAROL)
            .then().statusCode(200).body("tier", equalTo("new-account")).body("limits.messages", equalTo("3/1d"));
    }

    @Test
    @Order(3)
    void aBurstBeyondTheHardThresholdShouldSuspendTheAccountAndTellThePostmaster() throws Exception {
        int attempts = 0;
        String reply;
        do {
            attempts++;
            reply = submit(DAVE, DAVE);
        } while (!reply.startsWith("550") && attempts < 20);
        assertThat(reply).startsWith("550 5.7.1 account suspended");
        assertThat(attempts).isBetween(11, 12);
        assertThat(submit(DAVE, DAVE)).startsWith("550 5.7.1 account suspended");

        given(server.webAdmin().spec()).get("/postwarden/throttle/suspensions")
            .then().statusCode(200).body("user", hasItem(DAVE)).body("action", hasItem("suspended"));
        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(POSTMASTER, PASSWORD).select(TestIMAPClient.INBOX)
                .awaitMessage(await().atMost(Duration.ofSeconds(30)));
            assertThat(imap.readFirstMessage())
                .contains("Subject: Postwarden: account dave@throttle.test suspended")
                .contains("exceeded the hard threshold");
        }
    }

    @Test
    @Order(4)
    void aClientNamingTooManyUnknownRecipientsShouldBeRefusedForKnownOnesToo() {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            assertThat(mx.mailFrom("harvester@sender.example")).startsWith("250");
            for (int unknown = 1; unknown <= 20; unknown++) {
                assertThat(mx.rcptTo("nobody" + unknown + "@" + DOMAIN)).as("unknown %s", unknown).startsWith("550");
            }
            assertThat(mx.rcptTo("nobody21@" + DOMAIN)).startsWith("451 4.7.1");
            assertThat(mx.rcptTo(BOB)).startsWith("451 4.7.1");
        }
    }

    @Test
    @Order(5)
    void throttlingStateShouldSurviveARestart() throws Exception {
        server.restart();

        assertThat(submit(DAVE, DAVE)).startsWith("550 5.7.1 account suspended");
        assertThat(submit(CAROL, CAROL)).startsWith("451 4.7.1");
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            assertThat(mx.mailFrom("harvester@sender.example")).startsWith("250");
            assertThat(mx.rcptTo(BOB)).startsWith("451 4.7.1");
        }
        given(server.webAdmin().spec()).get("/postwarden/throttle/overrides")
            .then().statusCode(200).body("user", hasItem(ALICE)).body("messages", hasItem("5/1m"));
    }

    @Test
    @Order(6)
    void unsuspendingShouldLetTheAccountSendAgainAndTheHarvestingBlockShouldEnd() {
        given(server.webAdmin().spec()).body("{\"reason\": \"password changed\"}")
            .post("/postwarden/throttle/users/" + DAVE + "?action=unsuspend")
            .then().statusCode(200).body("action", equalTo("unsuspended")).body("reason", equalTo("password changed"));
        given(server.webAdmin().spec()).post("/postwarden/throttle/users/" + DAVE + "?action=unsuspend")
            .then().statusCode(409);

        assertThat(submit(DAVE, DAVE)).startsWith("250");
        given(server.webAdmin().spec()).get("/postwarden/throttle/suspensions")
            .then().statusCode(200).body("user", not(hasItem(DAVE)));
        given(server.webAdmin().spec()).get("/postwarden/throttle/users/" + DAVE + "/history")
            .then().statusCode(200).body("action", equalTo(java.util.List.of("suspended", "unsuspended")));

        later(Duration.ofMinutes(31));
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            assertThat(mx.mailFrom("harvester@sender.example")).startsWith("250");
            assertThat(mx.rcptTo(BOB)).startsWith("250");
        }
    }

    @Test
    @Order(7)
    void badRequestsShouldBeAnsweredWithTheirStatus() {
        given(server.webAdmin().spec()).body("{\"messages\": \"five a minute\"}")
            .put("/postwarden/throttle/users/" + BOB + "/override").then().statusCode(400);
        given(server.webAdmin().spec()).delete("/postwarden/throttle/users/" + BOB + "/override").then().statusCode(404);
        given(server.webAdmin().spec()).post("/postwarden/throttle/users/" + BOB + "?action=freeze").then().statusCode(400);
        given(server.webAdmin().spec()).get("/postwarden/throttle/ips/not-an-ip").then().statusCode(400);
        given(server.webAdmin().spec()).get("/postwarden/throttle/ips/127.0.0.1")
            .then().statusCode(200).body("key", equalTo("ip:127.0.0.1/32")).body("limits.messages", equalTo("300/1m"));
        given(server.webAdmin().spec()).get("/postwarden/throttle/store").then().statusCode(200).body("store", equalTo("up"));
    }
}
