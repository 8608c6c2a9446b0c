package org.postwarden.webadmin.throttle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Clock;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postwarden.throttle.InMemoryThrottleStore;
import org.postwarden.throttle.auth.AuthAttempt;
import org.postwarden.throttle.auth.AuthGuard;
import org.postwarden.throttle.auth.AuthGuardConfig;
import org.postwarden.throttle.auth.InMemoryAuthFailureLog;
import org.postwarden.webadmin.NastyBodies;

import io.restassured.specification.RequestSpecification;

class AuthFailureRoutesTest {
    private static WebAdminServer server;
    private static RequestSpecification spec;
    private static AuthGuard guard;

    @BeforeAll
    static void serve() {
        guard = new AuthGuard(AuthGuardConfig.DEFAULT, new InMemoryThrottleStore(), new InMemoryAuthFailureLog(),
            Clock.systemUTC());
        server = WebAdminUtils.createWebAdminServer(new AuthFailureRoutes(guard)).start();
        spec = NastyBodies.spec(server);
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    @Test
    void countersLogAndClearingShouldRoundTrip() {
        for (int i = 0; i < 5; i++) {
            guard.failed(new AuthAttempt("2001:DB8::7", "carol@example.com", "imap"));
        }

        given(spec).get(AuthFailureRoutes.BASE).then().statusCode(200)
            .body("findAll { it.address == '2001:db8::7' }", hasSize(2))
            .body("find { it.account == 'carol@example.com' }.refused", equalTo(true));
        given(spec).queryParam("address", "2001:db8::7").queryParam("limit", "2").get(AuthFailureRoutes.BASE + "/log")
            .then().statusCode(200).body("", hasSize(2)).body("[0].action", equalTo("failed"));

        given(spec).delete(AuthFailureRoutes.BASE + "/2001:db8::7").then().statusCode(204);

        given(spec).get(AuthFailureRoutes.BASE).then().statusCode(200)
            .body("findAll { it.address == '2001:db8::7' }", hasSize(0));
    }

    @Test
    void badAddressesAndLimitsShouldBeBadRequests() {
        given(spec).delete(AuthFailureRoutes.BASE + "/example.com").then().statusCode(400)
            .body("type", equalTo("InvalidArgument"));
        given(spec).get(AuthFailureRoutes.BASE + "/log").then().statusCode(400);
        given(spec).queryParam("address", "nope").get(AuthFailureRoutes.BASE + "/log").then().statusCode(400);
        given(spec).queryParam("address", "192.0.2.1").queryParam("limit", "0").get(AuthFailureRoutes.BASE + "/log")
            .then().statusCode(400);
        given(spec).queryParam("address", "192.0.2.1").queryParam("limit", "x").get(AuthFailureRoutes.BASE + "/log")
            .then().statusCode(400);
    }
}
