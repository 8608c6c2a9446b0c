package org.postwarden.webadmin.reputation;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.reputation.InMemoryReputationStore;
import org.postwarden.reputation.Outcome;
import org.postwarden.reputation.ReputationPolicy;
import org.postwarden.reputation.SenderReputation;
import org.postwarden.throttle.InMemorySuspensionStore;

import io.restassured.RestAssured;

class ReputationRoutesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private final SenderReputation reputation = new SenderReputation(
        new ReputationPolicy(Duration.ofDays(1), 4, 0.3, true), new InMemoryReputationStore(),
        new InMemorySuspensionStore(), event -> { }, CLOCK);
    private WebAdminServer server;

    @BeforeEach
    void start() {
        server = WebAdminUtils.createWebAdminServer(new ReputationRoutes(reputation)).start();
        RestAssured.requestSpecification = WebAdminUtils.buildRequestSpecification(server).build();
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    @Test
    void serverWideShouldShowTheShareAndTheWorstAccountsFirst() {
        reputation.sent(Optional.of("alice@local.test"), 10);
        reputation.failed(Optional.of("alice@local.test"), Outcome.REFUSED, 1);
        reputation.sent(Optional.of("bob@local.test"), 2);
        reputation.failed(Optional.of("bob@local.test"), Outcome.BOUNCED, 1);
        reputation.sent(Optional.empty(), 8);

        when().get("/postwarden/reputation").then().statusCode(200)
            .body("policy.window", equalTo("1d"))
            .body("policy.maxBadShare", equalTo(0.3f))
            .body("counts.sent", equalTo(20))
            .body("counts.bad", equalTo(2))
            .body("counts.badShare", equalTo(0.1f))
            .body("worstAccounts.user", contains("bob@local.test", "alice@local.test"))
            .body("worstAccounts[0].badShare", equalTo(0.5f));
        when().get("/postwarden/reputation?limit=1").then().statusCode(200).body("worstAccounts", hasSize(1));
    }

    @Test
    void userShouldShowCountsAndTheSuspensionWithItsReason() {
        reputation.sent(Optional.of("alice@local.test"), 4);
        reputation.failed(Optional.of("alice@local.test"), Outcome.REFUSED, 2);

        when().get("/postwarden/reputation/users/Alice@Local.test").then().statusCode(200)
            .body("user", equalTo("alice@local.test"))
            .body("counts.refused", equalTo(2))
            .body("counts.badShare", equalTo(0.5f))
            .body("judged", equalTo(true))
            .body("suspended", equalTo(true))
            .body("suspensionReason", containsString("50.0% of 4 messages"));
    }

    @Test
    void anAccountThatSentNothingShouldBeShownEmptyAndUnjudged() {
        when().get("/postwarden/reputation/users/carol@local.test").then().statusCode(200)
            .body("counts.sent", equalTo(0))
            .body("judged", equalTo(false))
            .body("suspended", equalTo(false))
            .body("suspensionReason", nullValue());
    }

    @Test
    void aBadLimitShouldBeA400() {
        when().get("/postwarden/reputation?limit=0").then().statusCode(400)
            .body("message", containsString("limit"));
        when().get("/postwarden/reputation?limit=ten").then().statusCode(400);
    }
}
