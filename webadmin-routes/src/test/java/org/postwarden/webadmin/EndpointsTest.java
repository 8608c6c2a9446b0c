package org.postwarden.webadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postwarden.store.StoreUnavailableException;

import io.restassured.specification.RequestSpecification;

class EndpointsTest {
    private static final String CAUSE = "Test database failed to read (SQLState 08001): SELECT secret FROM accounts";

    private static WebAdminServer server;
    private static RequestSpecification spec;

    @BeforeAll
    static void start() {
        Fixture routes = new Fixture();
        server = WebAdminUtils.createWebAdminServer(routes, new DeprecatedPath("/former", routes)).start();
        spec = WebAdminUtils.buildRequestSpecification(server).build();
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    @Test
    void anUnavailableStoreShouldBeA503JsonErrorThatKeepsTheCauseInTheLog() {
        String body = given(spec).get("/postwarden/fixture/down").then().statusCode(503)
            .body("statusCode", equalTo(503))
            .body("type", equalTo("ServerError"))
            .body("message", equalTo("The test store is unavailable; the server log tells why"))
            .extract().asString();

        assertThat(body).doesNotContain("SELECT").doesNotContain("SQLState");
    }

    @Test
    void endpointsShouldAnswerInJsonUnderTheBase() {
        given(spec).get("/postwarden/fixture").then().statusCode(200).body("path", equalTo("base"))
            .header("Deprecation", nullValue()).header("Link", nullValue());
        given(spec).get("/postwarden/fixture/up").then().statusCode(200).body("path", equalTo("up"));
    }

    @Test
    void theFormerBaseShouldAnswerTheSameAndSayWhereTheEndpointMoved() {
        given(spec).get("/former/up").then().statusCode(200).body("path", equalTo("up"))
            .header("Deprecation", equalTo(Endpoints.DEPRECATED_SINCE))
            .header("Link", equalTo("</postwarden/fixture/up>; rel=\"successor-version\""));
        given(spec).get("/former").then().statusCode(200).body("path", equalTo("base"))
            .header("Link", equalTo("</postwarden/fixture>; rel=\"successor-version\""));
        given(spec).get("/former/down").then().statusCode(503)
            .body("message", equalTo("The test store is unavailable; the server log tells why"))
            .header("Deprecation", equalTo(Endpoints.DEPRECATED_SINCE));
    }

    private static final class Fixture extends PostwardenRoutes {
        Fixture() {
            super("/postwarden/fixture");
        }

        @Override
        protected void define(Endpoints endpoints) {
            endpoints.get("", (request, response) -> Map.of("path", "base"));
            endpoints.get("/up", (request, response) -> Map.of("path", "up"));
            endpoints.get("/down", (request, response) -> {
                throw new StoreUnavailableException("test", CAUSE, null);
            });
        }
    }
}
