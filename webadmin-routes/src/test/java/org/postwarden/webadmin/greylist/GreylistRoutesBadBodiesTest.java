package org.postwarden.webadmin.greylist;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.postwarden.greylist.CachedWhitelist;
import org.postwarden.greylist.Greylist;
import org.postwarden.greylist.GreylistConfiguration;
import org.postwarden.greylist.InMemoryGreylistStore;
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

class GreylistRoutesBadBodiesTest {
    private static final String[] FIELDS = {"kind", "value", "comment"};
    private static WebAdminServer server;
    private static RequestSpecification spec;

    @BeforeContainer
    static void serve() {
        InMemoryGreylistStore store = new InMemoryGreylistStore();
        Clock clock = Clock.systemUTC();
        server = WebAdminUtils.createWebAdminServer(new GreylistRoutes(store,
            new Greylist(store, GreylistConfiguration.DEFAULT, clock), new CachedWhitelist(store, clock, Duration.ZERO), clock))
            .start();
        spec = NastyBodies.spec(server);
    }

    @AfterContainer
    static void stop() {
        server.destroy();
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void nastyWhitelistEntriesShouldGetAJsonErrorNotA500(@ForAll("nastyBodies") String body) {
        NastyBodies.assertRefusedCleanly(spec, Method.POST, GreylistRoutes.BASE + "/whitelist", body);
    }

    @Property(tries = 100)
    void randomWhitelistEntriesShouldNeverGetA500(@ForAll("randomBodies") String body) {
        NastyBodies.assertRefusedCleanly(spec, Method.POST, GreylistRoutes.BASE + "/whitelist", body);
    }

    @Provide
    Arbitrary<String> nastyBodies() {
        List<String> bodies = new java.util.ArrayList<>(NastyBodies.forFields(FIELDS));
        bodies.addAll(List.of("{\"kind\": \"client-network\", \"value\": \"192.0.2.0/99\"}",
            "{\"kind\": \"client-hostname-regex\", \"value\": \"(((\"}", "{\"kind\": \"recipient\", \"value\": null}",
            "{\"kind\": \"nonsense\", \"value\": \"x\"}", "{\"kind\": \"sender-domain\", \"value\": \"a@b\"}"));
        return Arbitraries.of(bodies);
    }

    @Provide
    Arbitrary<String> randomBodies() {
        return NastyBodies.random(FIELDS);
    }
}
