package org.postwarden.e2e.greylist;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

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
 * Greylisting over SMTP with the server's clock under the test's control. The tests build on each other
 * (the network's pass count grows), hence the order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GreylistingTest {
    private static final String DOMAIN = "greylist.test";
    private static final String BOB = "bob@" + DOMAIN;
    private static final String PASSWORD = "bob-secret";
    private static final UpdatableTickingClock CLOCK = new UpdatableTickingClock(Instant.now());

    // Every test client connects from 127.0.0.1, which the shipped configuration never greylists.
    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension("{}",
        new ConfEdits().replace("greylist.properties", "skip.loopback=true", "skip.loopback=false"),
        binder -> binder.bind(Clock.class).toInstance(CLOCK));

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(BOB, PASSWORD);
    }

    private static String rcptFrom(String sender) {
        try (SmtpSession smtp = SmtpSession.connect(server.ports().smtp())) {
            smtp.mailFrom(sender);
            return smtp.rcptTo(BOB);
        }
    }

    private static void later(Duration duration) {
        CLOCK.setInstant(CLOCK.instant().plus(duration));
    }

    /** Greylisted, then retried after the delay so that it passes: one pass for the client's network. */
    private static void passGreylisting(String sender) {
        assertThat(rcptFrom(sender)).startsWith("451");
        later(Duration.ofMinutes(6));
        assertThat(rcptFrom(sender)).startsWith("250");
    }

    @Test
    @Order(1)
    void firstAttemptAndEarlyRetryShouldBeDeferredAndARetryAfterTheDelayDelivered() throws Exception {
        assertThat(rcptFrom("first@sender.example"))
            .startsWith("451 4.7.1 Greylisted")
            .contains("please retry in 300 seconds");

        later(Duration.ofMinutes(2));
        assertThat(rcptFrom("first@sender.example")).startsWith("451 4.7.1").contains("retry in 180 seconds");

        later(Duration.ofMinutes(4));
        try (SmtpSession smtp = SmtpSession.connect(server.ports().smtp())) {
            smtp.send("first@sender.example", BOB, Messages.simple("first@sender.example", BOB, "greylisted-then-delivered"));
        }
        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(BOB, PASSWORD).select(TestIMAPClient.INBOX)
                .awaitMessage(await().atMost(Duration.ofSeconds(30)));
            assertThat(imap.readFirstMessage()).contains("Subject: greylisted-then-delivered");
        }
    }

    @Test
    @Order(2)
    void anAuthenticatedSessionShouldNeverBeGreylisted() {
        try (SmtpSession submission = SmtpSession.connect(server.ports().submission())) {
            assertThat(submission.authenticate(BOB, PASSWORD)).startsWith("235");
            assertThat(submission.mailFrom(BOB)).startsWith("250");
            assertThat(submission.rcptTo(BOB)).startsWith("250");
        }
    }

    @Test
    @Order(3)
    void aWhitelistedNetworkShouldNeverBeGreylistedUntilTheEntryIsRemoved() {
        String id = given(server.webAdmin().spec())
            .body("{\"kind\": \"client-network\", \"value\": \"127.0.0.1/32\", \"comment\": \"our web servers\"}")
            .post("/postwarden/greylist/whitelist")
            .then().statusCode(201).extract().jsonPath().getString("id");

        assertThat(rcptFrom("whitelisted@sender.example")).startsWith("250");

        given(server.webAdmin().spec()).delete("/postwarden/greylist/whitelist/" + id).then().statusCode(204);
        assertThat(rcptFrom("after-whitelist@sender.example")).startsWith("451");
    }

    @Test
    @Order(4)
    void theSixthSenderOfANetworkShouldPassAtOnceAfterFivePasses() {
        // The first test passed once; four more senders make five passes.
        for (int sender = 2; sender <= 5; sender++) {
            passGreylisting("sender" + sender + "@sender.example");
        }

        assertThat(rcptFrom("sixth@another.example")).startsWith("250");
        given(server.webAdmin().spec()).get("/postwarden/greylist/networks")
            .then().statusCode(200).body("network", hasItem("127.0.0.0/24"));
    }

    @Test
    @Order(5)
    void greylistStateShouldSurviveARestart() throws Exception {
        server.restart();

        assertThat(rcptFrom("never-seen-before@new.example")).startsWith("250");
        given(server.webAdmin().spec()).get("/postwarden/greylist/triplets?sender=first@sender.example")
            .then().statusCode(200).body("state", hasItem("passed"));
    }

    @Test
    @Order(6)
    void statisticsShouldCountWhatHappened() {
        given(server.webAdmin().spec()).get("/postwarden/greylist/statistics")
            .then().statusCode(200)
            .body("store", org.hamcrest.Matchers.equalTo("up"))
            .body("autoWhitelistedPasses", greaterThanOrEqualTo(1));
    }
}
