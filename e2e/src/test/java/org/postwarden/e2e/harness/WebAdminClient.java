package org.postwarden.e2e.harness;

import static io.restassured.RestAssured.given;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Webadmin calls the tests share; anything else goes through {@link #spec()} with RestAssured. */
public final class WebAdminClient {

    private final int port;

    WebAdminClient(int port) {
        this.port = port;
    }

    public RequestSpecification spec() {
        return new RequestSpecBuilder()
            .setBaseUri("http://127.0.0.1")
            .setPort(port)
            .setContentType(ContentType.JSON)
            .setAccept(ContentType.JSON)
            .setConfig(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 10_000)
                .setParam("http.socket.timeout", 60_000)))
            .build();
    }

    public void createDomain(String domain) {
        given(spec()).put("/domains/" + domain).then().statusCode(204);
    }

    public void createUser(String address, String password) {
        given(spec()).body("{\"password\":\"" + password + "\"}").put("/users/" + address).then().statusCode(204);
    }

    public long mailQueueSize(String queue) {
        return given(spec()).get("/mailQueues/" + queue).then().statusCode(200).extract().jsonPath().getLong("size");
    }
}
