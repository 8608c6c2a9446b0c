package org.postwarden.webadmin.reputation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postwarden.reputation.InMemoryReputationStore;
import org.postwarden.reputation.ReputationPolicy;
import org.postwarden.reputation.ReputationStore;
import org.postwarden.reputation.ReputationStoreException;
import org.postwarden.reputation.SenderReputation;
import org.postwarden.throttle.InMemorySuspensionStore;
import org.postwarden.throttle.SuspensionStore;
import org.postwarden.throttle.ThrottleStoreException;

import io.restassured.specification.RequestSpecification;

/** Each store's own exception is a StoreUnavailableException: the route needs no wrapper of its own to answer 503. */
class ReputationRoutesStoreFailureTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final ReputationPolicy POLICY = new ReputationPolicy(Duration.ofDays(1), 4, 0.3, true);

    private WebAdminServer server;

    private RequestSpecification serve(ReputationStore store, SuspensionStore suspensions) {
        server = WebAdminUtils.createWebAdminServer(new ReputationRoutes(
            new SenderReputation(POLICY, store, suspensions, event -> { }, CLOCK))).start();
        return WebAdminUtils.buildRequestSpecification(server).build();
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    @Test
    void aReputationStoreFailureShouldBeA503NamingTheStore() {
        RequestSpecification spec = serve(failing(ReputationStore.class,
            new ReputationStoreException("Reputation database failed to read (SQLState 08001): refused", null)),
            new InMemorySuspensionStore());

        given(spec).get("/postwarden/reputation").then().statusCode(503)
            .body("type", equalTo("ServerError"))
            .body("message", equalTo("The reputation store is unavailable; the server log tells why"))
            .body(not(containsString("SQLState")));
    }

    @Test
    void aSuspensionStoreFailureShouldBeA503NamingTheThrottleStore() {
        RequestSpecification spec = serve(new InMemoryReputationStore(),
            failing(SuspensionStore.class, new ThrottleStoreException("Throttle database failed to read", null)));

        given(spec).get("/postwarden/reputation/users/alice@local.test").then().statusCode(503)
            .body("message", equalTo("The throttle store is unavailable; the server log tells why"));
    }

    private static <T> T failing(Class<T> type, RuntimeException failure) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, arguments) -> {
            throw failure;
        }));
    }
}
