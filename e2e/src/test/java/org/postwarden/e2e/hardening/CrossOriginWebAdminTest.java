package org.postwarden.e2e.hardening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.PostwardenServerExtension;

/**
 * A web page open in the operator's browser must not be able to change anything through the shipped webadmin:
 * no CORS grant, no foreign Host (DNS rebinding), no write from another origin, no write a form or a simple
 * fetch can send (text/plain, form types, or a POST without a JSON type). A local tool's JSON request still works.
 */
class CrossOriginWebAdminTest {
    private static final String DOMAIN = "cors.test";
    private static final String SECRETS = "/postwarden/srs/secrets";
    private static final String EVIL = "http://evil.example";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension("{}", new ConfEdits()
        .replace("srs.properties", "domain=\n", "domain=" + DOMAIN + "\n"));

    static RawWebAdminHttp http;

    @BeforeAll
    static void provision() {
        http = new RawWebAdminHttp(server.ports().webAdmin());
        server.webAdmin().createDomain(DOMAIN);
    }

    @Test
    void aPreflightFromAnotherOriginShouldGetNoCorsGrant() {
        RawWebAdminHttp.Reply reply = http.send("OPTIONS", "/users/mallory@" + DOMAIN, Map.of(
            "Origin", EVIL, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type"), null, true);

        assertThat(reply.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void aReadShouldCarryNoCorsGrantEither() {
        RawWebAdminHttp.Reply reply = http.send("GET", "/domains", Map.of("Origin", EVIL), null, true);

        assertThat(reply.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
    }

    @Test
    void aForeignHostShouldBeRefused() {
        RawWebAdminHttp.Reply read = http.send("GET", "/users", Map.of("Host", "evil.example:" + server.ports().webAdmin()), null);
        RawWebAdminHttp.Reply write = http.send("PUT", "/users/rebound@" + DOMAIN,
            Map.of("Host", "evil.example", "Content-Type", "application/json"), "{\"password\":\"x\"}");

        assertThat(read.status()).isEqualTo(421);
        assertThat(read.body()).contains("\"statusCode\":421").doesNotContain("rebound");
        assertThat(write.status()).isEqualTo(421);
        assertThat(userExists("rebound@" + DOMAIN)).isFalse();
    }

    @Test
    void aTextPlainPostShouldNotRotateTheSrsSecrets() {
        List<String> before = secretIds();

        RawWebAdminHttp.Reply reply = http.send("POST", SECRETS, Map.of("Content-Type", "text/plain"), "x", true);

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.body()).contains("\"statusCode\":415");
        assertThat(secretIds()).isEqualTo(before);
    }

    @Test
    void aPostWithoutAnyContentTypeShouldNotRotateTheSrsSecrets() {
        List<String> before = secretIds();

        RawWebAdminHttp.Reply withoutBody = http.send("POST", SECRETS, Map.of(), null, true);
        RawWebAdminHttp.Reply form = http.send("POST", SECRETS, Map.of("Content-Type", "application/x-www-form-urlencoded"), "a=b", true);

        assertThat(withoutBody.status()).isEqualTo(415);
        assertThat(form.status()).isEqualTo(415);
        assertThat(secretIds()).isEqualTo(before);
    }

    @Test
    void aJsonPostFromAnotherOriginShouldNotRotateTheSrsSecrets() {
        List<String> before = secretIds();

        RawWebAdminHttp.Reply reply = http.send("POST", SECRETS, Map.of("Origin", EVIL, "Content-Type", "application/json"), "{}", true);
        RawWebAdminHttp.Reply sameSite = http.send("POST", SECRETS,
            Map.of("Origin", "http://127.0.0.1:3000", "Content-Type", "application/json"), "{}", true);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).contains("\"statusCode\":403");
        assertThat(sameSite.status()).isEqualTo(403);
        assertThat(secretIds()).isEqualTo(before);
    }

    @Test
    void crossOriginWritesShouldNotCreateUsersOrForwards() {
        String mallory = "mallory@" + DOMAIN;
        RawWebAdminHttp.Reply origin = http.send("PUT", "/users/" + mallory,
            Map.of("Origin", EVIL, "Content-Type", "application/json"), "{\"password\":\"owned\"}", true);
        RawWebAdminHttp.Reply fetchMetadata = http.send("PUT", "/users/" + mallory,
            Map.of("Sec-Fetch-Site", "cross-site", "Content-Type", "application/json"), "{\"password\":\"owned\"}", true);
        RawWebAdminHttp.Reply referer = http.send("PUT", "/address/forwards/postmaster@" + DOMAIN + "/targets/thief@evil.example",
            Map.of("Referer", EVIL + "/page.html"), null, true);
        RawWebAdminHttp.Reply nullOrigin = http.send("PUT", "/users/" + mallory,
            Map.of("Origin", "null", "Content-Type", "application/json"), "{\"password\":\"owned\"}", true);
        RawWebAdminHttp.Reply textUser = http.send("PUT", "/users/" + mallory,
            Map.of("Content-Type", "text/plain"), "{\"password\":\"owned\"}", true);

        assertThat(List.of(origin.status(), fetchMetadata.status(), referer.status(), nullOrigin.status()))
            .containsOnly(403);
        assertThat(textUser.status()).isEqualTo(415);
        assertThat(userExists(mallory)).isFalse();
        given(server.webAdmin().spec()).get("/address/forwards").then().statusCode(200)
            .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("postmaster@" + DOMAIN)));
    }

    @Test
    void aLocalToolsJsonRequestsShouldStillWork() {
        String alice = "alice@" + DOMAIN;
        RawWebAdminHttp.Reply create = http.send("PUT", "/users/" + alice,
            Map.of("Content-Type", "application/json; charset=UTF-8"), "{\"password\":\"secret\"}", true);
        RawWebAdminHttp.Reply rotate = http.send("POST", SECRETS, Map.of("Content-Type", "application/json"), null, true);
        RawWebAdminHttp.Reply sameOrigin = http.send("PUT", "/address/forwards/" + alice + "/targets/bob@remote.example",
            Map.of("Origin", http.origin(), "Sec-Fetch-Site", "same-origin"), null, true);
        RawWebAdminHttp.Reply localhost = http.send("GET", "/domains", Map.of("Host", "localhost:" + server.ports().webAdmin()), null);
        RawWebAdminHttp.Reply delete = http.send("DELETE", "/address/forwards/" + alice + "/targets/bob@remote.example", Map.of(), null, true);

        assertThat(create.status()).isEqualTo(204);
        assertThat(rotate.status()).isEqualTo(201);
        assertThat(sameOrigin.status()).isEqualTo(204);
        assertThat(localhost.status()).isEqualTo(200);
        assertThat(delete.status()).isEqualTo(204);
        assertThat(userExists(alice)).isTrue();
    }

    private static List<String> secretIds() {
        return given(server.webAdmin().spec()).get(SECRETS).then().statusCode(200).extract().jsonPath().getList("id");
    }

    private static boolean userExists(String user) {
        return given(server.webAdmin().spec()).head("/users/" + user).then().extract().statusCode() == 200;
    }
}
