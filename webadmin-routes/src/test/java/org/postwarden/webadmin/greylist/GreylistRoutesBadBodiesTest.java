package org.postwarden.webadmin.greylist;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postwarden.greylist.CachedWhitelist;
import org.postwarden.greylist.Greylist;
import org.postwarden.greylist.GreylistConfiguration;
import org.postwarden.greylist.InMemoryGreylistStore;
import org.postwarden.testing.Fuzz;
import org.postwarden.webadmin.NastyBodies;

import io.restassured.http.Method;
import io.restassured.specification.RequestSpecification;

class GreylistRoutesBadBodiesTest {
    private static final String[] FIELDS = {"kind", "value", "comment"};
    private static final String WHITELIST = GreylistRoutes.BASE + "/whitelist";
    private static WebAdminServer server;
    private static RequestSpecification spec;

    @BeforeAll
    static void serve() {
        InMemoryGreylistStore store = new InMemoryGreylistStore();
        Clock clock = Clock.systemUTC();
        server = WebAdminUtils.createWebAdminServer(new GreylistRoutes(store,
            new Greylist(store, GreylistConfiguration.DEFAULT, clock), new CachedWhitelist(store, clock, Duration.ZERO), clock))
            .start();
        spec = NastyBodies.spec(server);
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    @Test
    void nastyWhitelistEntriesShouldGetAJsonErrorNotA500() {
        List<String> bodies = new ArrayList<>(NastyBodies.forFields(FIELDS));
        bodies.addAll(List.of("{\"kind\": \"client-network\", \"value\": \"192.0.2.0/99\"}",
            "{\"kind\": \"client-hostname-regex\", \"value\": \"(((\"}", "{\"kind\": \"recipient\", \"value\": null}",
            "{\"kind\": \"nonsense\", \"value\": \"x\"}", "{\"kind\": \"sender-domain\", \"value\": \"a@b\"}"));

        Fuzz.forEach("nasty whitelist entries get a JSON error", bodies,
            body -> NastyBodies.assertRefusedCleanly(spec, Method.POST, WHITELIST, body));
    }

    @Test
    void randomWhitelistEntriesShouldNeverGetA500() {
        Fuzz.forAll("random whitelist entries never get a 500", 100, NastyBodies.random(FIELDS),
            body -> NastyBodies.assertRefusedCleanly(spec, Method.POST, WHITELIST, body));
    }
}
