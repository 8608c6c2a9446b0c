package org.postwarden.e2e.hardening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.PostwardenServerExtension;

import io.restassured.response.Response;

/** Bad input over webadmin gets 400 with James' JSON error; no store error, and no SQL, reaches the client. */
class WebAdminBadInputTest {
    private static final String DOMAIN = "badinput.test";
    private static final String WHITELIST = "/postwarden/greylist/whitelist";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
    }

    @Test
    void aJsonNullUserBodyShouldBeA400() {
        Response response = given(server.webAdmin().spec()).body("null").put("/users/alice@" + DOMAIN);

        assertInvalidArgument(response);
        assertThat(given(server.webAdmin().spec()).head("/users/alice@" + DOMAIN).statusCode()).isEqualTo(404);
    }

    @Test
    void aChunkedJsonNullUserBodyShouldBeA400() {
        RawWebAdminHttp http = new RawWebAdminHttp(server.ports().webAdmin());
        RawWebAdminHttp.Reply reply = http.send("PUT", "/users/bob@" + DOMAIN,
            Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"), "4\r\nnull\r\n0\r\n\r\n", true);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.body()).contains("\"type\":\"InvalidArgument\"");
    }

    @Test
    void anOverLongWhitelistCommentShouldBeA400() {
        Response response = given(server.webAdmin().spec())
            .body("{\"kind\": \"sender_domain\", \"value\": \"partner.example\", \"comment\": \"" + "c".repeat(5000) + "\"}")
            .post(WHITELIST);

        assertInvalidArgument(response);
        assertThat(response.asString()).contains("comment");
        assertThat(given(server.webAdmin().spec()).get(WHITELIST).then().statusCode(200).extract().asString())
            .doesNotContain("partner.example");
    }

    @Test
    void anOverLongWhitelistValueShouldBeA400() {
        String longDomain = ("a".repeat(60) + ".").repeat(10) + "example";
        Response response = given(server.webAdmin().spec())
            .body("{\"kind\": \"recipient_domain\", \"value\": \"" + longDomain + "\", \"comment\": \"\"}")
            .post(WHITELIST);

        assertInvalidArgument(response);
    }

    @Test
    void aWhitelistEntryOfTheLongestAllowedCommentShouldBeStored() {
        given(server.webAdmin().spec())
            .body("{\"kind\": \"sender_domain\", \"value\": \"long-comment.example\", \"comment\": \"" + "c".repeat(1024) + "\"}")
            .post(WHITELIST).then().statusCode(201);
    }

    private static void assertInvalidArgument(Response response) {
        String body = response.asString();
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(body).contains("\"statusCode\":400").contains("\"type\":\"InvalidArgument\"");
        assertThat(body.toLowerCase()).doesNotContain("sql").doesNotContain("varchar").doesNotContain("truncation")
            .doesNotContain("exception");
    }
}
