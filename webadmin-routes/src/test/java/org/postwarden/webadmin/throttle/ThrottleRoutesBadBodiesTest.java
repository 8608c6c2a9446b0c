package org.postwarden.webadmin.throttle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postwarden.throttle.InMemoryOverrideStore;
import org.postwarden.throttle.InMemorySuspensionStore;
import org.postwarden.throttle.InMemoryThrottleStore;
import org.postwarden.throttle.ThrottlePolicy;
import org.postwarden.throttle.Throttler;
import org.postwarden.testing.Fuzz;
import org.postwarden.webadmin.NastyBodies;

import io.restassured.http.Method;
import io.restassured.specification.RequestSpecification;

class ThrottleRoutesBadBodiesTest {
    private static final String OVERRIDE = ThrottleRoutes.BASE + "/users/alice@example.com/override";
    private static final String SUSPEND = ThrottleRoutes.BASE + "/users/bob@example.com?action=suspend";
    private static WebAdminServer server;
    private static RequestSpecification spec;

    @BeforeAll
    static void serve() {
        Clock clock = Clock.systemUTC();
        InMemoryThrottleStore store = new InMemoryThrottleStore();
        InMemoryOverrideStore overrides = new InMemoryOverrideStore();
        InMemorySuspensionStore suspensions = new InMemorySuspensionStore();
        ThrottlePolicy policy = ThrottlePolicy.DEFAULT;
        server = WebAdminUtils.createWebAdminServer(new ThrottleRoutes(new Throttler(policy, store, overrides, suspensions, clock),
            policy, store, overrides, suspensions, user -> Optional.empty(), clock)).start();
        spec = NastyBodies.spec(server);
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    @Test
    void nastyOverridesShouldGetAJsonErrorNotA500() {
        List<String> bodies = new ArrayList<>(NastyBodies.forFields("messages", "recipients"));
        bodies.addAll(List.of("{\"messages\": \"0/1m\"}", "{\"messages\": \"1/0s\"}", "{\"recipients\": \"5/999999999999d\"}",
            "{\"messages\": \"9223372036854775807/1ms\"}", "{\"messages\": \"5/1m,\"}", "{\"messages\": null, \"recipients\": null}"));

        Fuzz.forEach("nasty overrides get a JSON error", bodies,
            body -> NastyBodies.assertRefusedCleanly(spec, Method.PUT, OVERRIDE, body));
    }

    @Test
    void randomOverridesShouldNeverGetA500() {
        Fuzz.forAll("random overrides never get a 500", 100, NastyBodies.random("messages", "recipients"),
            body -> NastyBodies.assertRefusedCleanly(spec, Method.PUT, OVERRIDE, body));
    }

    /** Each body suspends (or finds bob suspended already: 409) and never a 500. */
    @Test
    void nastySuspensionReasonsShouldGetAJsonErrorNotA500() {
        Fuzz.forEach("nasty suspension reasons get a JSON error", NastyBodies.forFields("reason"),
            body -> NastyBodies.assertRefusedCleanly(spec, Method.POST, SUSPEND, body));
    }
}
