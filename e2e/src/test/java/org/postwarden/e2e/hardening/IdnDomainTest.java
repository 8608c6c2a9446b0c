package org.postwarden.e2e.hardening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.RawSmtp;

/**
 * A domain has one name, whichever of its two spellings (RFC 5890: the Unicode U-label form and the ASCII
 * "xn--" A-label form) webadmin is given: the second spelling is the same domain, not a new one, and mail to a
 * user of the domain is accepted at the ASCII form whichever form the domain was created with.
 */
class IdnDomainTest {
    private static final String UNICODE = "bücher.example";
    private static final String ASCII = "xn--bcher-kva.example";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @Test
    void theUnicodeAndTheAsciiFormShouldBeOneDomain() {
        given(server.webAdmin().spec()).put("/domains/" + UNICODE).then().statusCode(204);
        // PUT is idempotent in webadmin: the second spelling of an existing domain is not an error, just no new domain.
        given(server.webAdmin().spec()).put("/domains/" + ASCII).then().statusCode(204);

        List<String> domains = given(server.webAdmin().spec()).get("/domains").then().statusCode(200)
            .extract().jsonPath().getList(".", String.class);
        assertThat(domains).filteredOn(domain -> domain.contains("bcher") || domain.contains("bücher")).containsExactly(ASCII);
        given(server.webAdmin().spec()).get("/domains/" + UNICODE).then().statusCode(204);
        given(server.webAdmin().spec()).get("/domains/" + ASCII).then().statusCode(204);

        given(server.webAdmin().spec()).delete("/domains/" + UNICODE).then().statusCode(204);
        assertThat(given(server.webAdmin().spec()).get("/domains").then().statusCode(200)
            .extract().jsonPath().getList(".", String.class)).doesNotContain(ASCII, UNICODE);
    }

    @Test
    void mailToAUserCreatedUnderEitherFormShouldBeAccepted() {
        given(server.webAdmin().spec()).put("/domains/" + "bücherei.example").then().statusCode(204);
        server.webAdmin().createUser("anna@xn--bcherei-n2a.example", "secret");

        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            String to = "anna@xn--bcherei-n2a.example";
            String reply = smtp.mail("sender@remote.example", to,
                Messages.simple("sender@remote.example", to, "idn").getBytes(StandardCharsets.US_ASCII));
            assertThat(reply).startsWith("250");
        }
    }
}
