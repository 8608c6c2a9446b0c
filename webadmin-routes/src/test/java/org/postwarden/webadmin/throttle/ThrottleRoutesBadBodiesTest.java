package org.postwarden.webadmin.throttle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.postwarden.throttle.InMemoryOverrideStore;
import org.postwarden.throttle.InMemorySuspensionStore;
import org.postwarden.throttle.InMemoryThrottleStore;
import org.postwarden.throttle.ThrottlePolicy;
import org.postwarden.throttle.Throttler;
import org.postwarden.webadmin.NastyBodies;

import io.restassured.http.Method;
import io.restassured.specification.RequestSpecification;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class ThrottleRoutesBadBodiesTest {
    private static final String OVERRIDE = ThrottleRoutes.BASE + "/users/alice@example.com/override";
    private static final String SUSPEND = ThrottleRoutes.BASE + "/users/bob@example.com?action=suspend";
    private static WebAdminServer server;
    private static RequestSpecification spec;

    @BeforeContainer
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

    @AfterContainer
    static void stop() {
        server.destroy();
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void nastyOverridesShouldGetAJsonErrorNotA500(@ForAll("nastyOverrides") String body) {
        NastyBodies.assertRefusedCleanly(spec, Method.PUT, OVERRIDE, body);
    }

    @Property(tries = 100)
    void randomOverridesShouldNeverGetA500(@ForAll("randomOverrides") String body) {
        NastyBodies.assertRefusedCleanly(spec, Method.PUT, OVERRIDE, body);
    }

    /** Each try suspends (or finds bob suspended already: 409) and never a 500. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void nastySuspensionReasonsShouldGetAJsonErrorNotA500(@ForAll("nastyReasons") String body) {
        NastyBodies.assertRefusedCleanly(spec, Method.POST, SUSPEND, body);
    }

    @Provide
    Arbitrary<String> nastyOverrides() {
        List<String> bodies = new ArrayList<>(NastyBodies.forFields("messages", "recipients"));
        bodies.addAll(List.of("{\"messages\": \"0/1m\"}", "{\"messages\": \"1/0s\"}", "{\"recipients\": \"5/999999999999d\"}",
            "{\"messages\": \"9223372036854775807/1ms\"}", "{\"messages\": \"5/1m,\"}", "{\"messages\": null, \"recipients\": null}"));
        return Arbitraries.of(bodies);
    }

    @Provide
    Arbitrary<String> randomOverrides() {
        return NastyBodies.random("messages", "recipients");
    }

    @Provide
    Arbitrary<String> nastyReasons() {
        return Arbitraries.of(NastyBodies.forFields("reason"));
    }
}
