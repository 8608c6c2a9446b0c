package org.postwarden.webadmin.srs;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postwarden.srs.SrsConfiguration;
import org.postwarden.srs.keys.ConfiguredSrsKeyring;
import org.postwarden.srs.keys.InMemorySrsSecretStore;
import org.postwarden.srs.keys.SrsKeyring;
import org.postwarden.srs.keys.SrsSecretRecord;
import org.postwarden.srs.keys.StoredSrsKeyring;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

class SrsSecretRoutesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final String FIRST = "first-secret";
    private static final String FIRST_ID = SrsSecretRecord.fingerprint(FIRST);

    private WebAdminServer server;

    void start(SrsKeyring keyring) {
        server = WebAdminUtils.createWebAdminServer(new SrsSecretRoutes(keyring)).start();
        RestAssured.requestSpecification = WebAdminUtils.buildRequestSpecification(server).build();
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    @Nested
    class Stored {
        private final InMemorySrsSecretStore store = new InMemorySrsSecretStore();

        void start() {
            SrsSecretRoutesTest.this.start(StoredSrsKeyring.open(store, SrsConfiguration.from(Map.of("maxAge", "21")),
                CLOCK, Optional.of(FIRST)));
        }

        @Test
        void listShouldShowTheSigningSecretWithoutTheSecret() {
            start();

            String body = when().get("/postwarden/srs/secrets").then().statusCode(200).contentType(ContentType.JSON)
                .body("", hasSize(1))
                .body("[0].id", equalTo(FIRST_ID))
                .body("[0].created", equalTo("2026-11-22T10:00:00Z"))
                .body("[0].signing", equalTo(true))
                .body("[0].retired", nullValue())
                .body("[0].verifiesUntil", nullValue())
                .extract().asString();
            assertThat(body).doesNotContain(FIRST);
        }

        @Test
        void rotateShouldCreateASigningSecretAndRetireThePreviousOne() {
            start();

            String id = when().post("/postwarden/srs/secrets").then().statusCode(201)
                .header("Location", containsString("/postwarden/srs/secrets/"))
                .body("signing", equalTo(true))
                .extract().path("id");

            assertThat(id).matches("[0-9a-f]{8}").isNotEqualTo(FIRST_ID);
            assertThat(store.list()).hasSize(2);
            when().get("/postwarden/srs/secrets").then().statusCode(200)
                .body("find { it.id == '" + FIRST_ID + "' }.signing", equalTo(false))
                .body("find { it.id == '" + FIRST_ID + "' }.retired", equalTo("2026-11-22T10:00:00Z"))
                .body("find { it.id == '" + FIRST_ID + "' }.verifiesUntil", equalTo("2026-12-14T00:00:00Z"))
                .body("find { it.id == '" + id + "' }.signing", equalTo(true));
        }

        @Test
        void deleteShouldRemoveARetiredSecret() {
            start();
            when().post("/postwarden/srs/secrets").then().statusCode(201);

            when().delete("/postwarden/srs/secrets/" + FIRST_ID).then().statusCode(204);

            assertThat(store.list()).extracting(SrsSecretRecord::id).doesNotContain(FIRST_ID);
        }

        @Test
        void deleteShouldRefuseTheSigningSecret() {
            start();

            when().delete("/postwarden/srs/secrets/" + FIRST_ID).then().statusCode(409)
                .body("statusCode", equalTo(409))
                .body("type", equalTo("WrongState"))
                .body("message", containsString("signs"));
            assertThat(store.list()).hasSize(1);
        }

        @Test
        void deleteShouldAnswer404ForAnUnknownSecret() {
            start();

            when().delete("/postwarden/srs/secrets/deadbeef").then().statusCode(404)
                .body("type", equalTo("notFound"))
                .body("message", containsString("deadbeef"));
        }
    }

    @Nested
    class Configured {
        @Test
        void rotationShouldPointToSrsProperties() {
            start(new ConfiguredSrsKeyring(SrsConfiguration.from(Map.of("secrets", "a,b")), CLOCK));

            given().post("/postwarden/srs/secrets").then().statusCode(409)
                .body("message", containsString("srs.properties"));
            when().delete("/postwarden/srs/secrets/" + SrsSecretRecord.fingerprint("b")).then().statusCode(409)
                .body("message", containsString("srs.properties"));
        }

        @Test
        void listShouldShowTheConfiguredSecretsSigningFirst() {
            start(new ConfiguredSrsKeyring(SrsConfiguration.from(Map.of("secrets", "a,b")), CLOCK));

            when().get("/postwarden/srs/secrets").then().statusCode(200)
                .body("id", contains(SrsSecretRecord.fingerprint("a"), SrsSecretRecord.fingerprint("b")))
                .body("signing", contains(true, false))
                .body("[0].created", nullValue());
        }
    }
}
