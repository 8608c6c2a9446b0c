package org.postwarden.webadmin.dkim;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postwarden.dkim.keys.DkimKeyManager;
import org.postwarden.dkim.keys.InMemoryDkimKeyStore;
import org.postwarden.dns.StaticZone;
import org.postwarden.testing.Fuzz;
import org.postwarden.webadmin.NastyBodies;

import io.restassured.http.Method;
import io.restassured.specification.RequestSpecification;

class DkimKeyRoutesBadBodiesTest {
    private static final String[] FIELDS = {"algorithm", "selector", "bits", "pem"};
    private static final String KEYS = DkimKeyRoutes.BASE + "/example.com/keys";
    private static WebAdminServer server;
    private static RequestSpecification spec;

    @BeforeAll
    static void serve() {
        DkimKeyManager keys = new DkimKeyManager(new InMemoryDkimKeyStore(), StaticZone.builder().build(), Clock.systemUTC());
        server = WebAdminUtils.createWebAdminServer(new DkimKeyRoutes(keys, new OneDomain(Domain.of("example.com")))).start();
        spec = NastyBodies.spec(server);
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    @Test
    void nastyKeyRequestsShouldGetAJsonErrorNotA500() {
        List<String> bodies = new ArrayList<>(NastyBodies.forFields(FIELDS));
        bodies.addAll(List.of("{\"algorithm\": \"ed25519\", \"bits\": 4096}", "{\"algorithm\": \"rsa\", \"bits\": 1}",
            "{\"algorithm\": \"rsa\", \"bits\": 2147483647}", "{\"algorithm\": \"dsa\"}", "{\"selector\": \"a b\", \"pem\": \"x\"}",
            "{\"selector\": \"s1\", \"pem\": \"-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\"}",
            "{\"selector\": \"" + "s".repeat(100_000) + "\"}", "{\"selector\": \"../../etc\", \"algorithm\": \"ed25519\"}"));

        Fuzz.forEach("nasty key requests get a JSON error", bodies,
            body -> NastyBodies.assertRefusedCleanly(spec, Method.POST, KEYS, body));
    }

    /** Fewer tries than the other routes: a body that passes generates an RSA key, which takes a while. */
    @Test
    void randomKeyRequestsShouldNeverGetA500() {
        Fuzz.forAll("random key requests never get a 500", 40, NastyBodies.random("algorithm", "selector", "pem"),
            body -> NastyBodies.assertRefusedCleanly(spec, Method.POST, KEYS, body));
    }

    private record OneDomain(Domain domain) implements DomainList {
        @Override
        public List<Domain> getDomains() {
            return List.of(domain);
        }

        @Override
        public boolean containsDomain(Domain other) {
            return domain.equals(other);
        }

        @Override
        public void addDomain(Domain other) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeDomain(Domain other) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Domain getDefaultDomain() {
            return domain;
        }
    }
}
