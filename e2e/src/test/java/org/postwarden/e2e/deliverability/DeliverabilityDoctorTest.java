package org.postwarden.e2e.deliverability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.PostwardenServerExtension;

import io.restassured.path.json.JsonPath;

/**
 * The doctor on a running server: its DNS (the zone file), its DKIM keys, and the outbound address and HELO name of
 * conf/deliverability.properties. The domain starts without DKIM key, then gets one through the DKIM routes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliverabilityDoctorTest {
    private static final String DOMAIN = "doctor.test";
    private static final String DOCTOR = "/postwarden/deliverability/domains/" + DOMAIN;
    private static final String ZONE = """
        {
          "doctor.test": [{"TXT": "v=spf1 ip4:192.0.2.25 -all"}, {"MX": [10, "mail.doctor.test"]}],
          "mail.doctor.test": [{"A": "192.0.2.25"}],
          "192.0.2.25": [{"PTR": "mail.doctor.test"}],
          "_dmarc.doctor.test": [{"TXT": "v=DMARC1; p=reject; rua=mailto:dmarc-reports@doctor.test"}],
          "_mta-sts.doctor.test": [{"TXT": "v=STSv1; id=2026110101"}],
          "_smtp._tls.doctor.test": [{"TXT": "v=TLSRPTv1; rua=mailto:tls-reports@doctor.test"}]%s
        }
        """;

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension(ZONE.formatted(""), new ConfEdits()
        .replace("deliverability.properties", "#outboundIp=192.0.2.25", "outboundIp=192.0.2.25")
        .replace("deliverability.properties", "#heloName=mail.example.com", "heloName=mail.doctor.test"));

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
    }

    private static JsonPath examine() {
        return given(server.webAdmin().spec()).get(DOCTOR).then().statusCode(200).extract().jsonPath();
    }

    private static String status(JsonPath report, String check) {
        return report.getString("checks.find { it.check == '" + check + "' }.status");
    }

    @Test
    @Order(1)
    void domainWithoutDkimKeyShouldFailOnlyDkimWithTheConfiguredDefaults() {
        JsonPath report = examine();

        assertThat(report.getString("ip")).isEqualTo("192.0.2.25");
        assertThat(report.getString("helo")).isEqualTo("mail.doctor.test");
        for (String check : List.of("spf", "dmarc", "reverse-dns", "mx", "mta-sts", "tls-rpt")) {
            assertThat(status(report, check)).as(check).isEqualTo("pass");
        }
        assertThat(status(report, "dkim")).isEqualTo("fail");
        assertThat(report.getString("checks.find { it.check == 'dkim' }.explanation"))
            .contains("POST /postwarden/dkim/domains/doctor.test/keys");
        assertThat(status(report, "tls-certificate")).isEqualTo("warn");
        assertThat(report.getString("status")).isEqualTo("fail");
    }

    @Test
    @Order(2)
    void activeKeyPublishedInDnsShouldPassDkim() throws Exception {
        JsonPath key = given(server.webAdmin().spec()).body("{\"algorithm\": \"ed25519\"}").post("/postwarden/dkim/domains/" + DOMAIN + "/keys")
            .then().statusCode(201).extract().jsonPath();
        String published = ",\n  \"" + key.getString("dnsName") + "\": [{\"TXT\": \"" + key.getString("dnsRecord") + "\"}]";
        server.publishZone(ZONE.formatted(published));
        given(server.webAdmin().spec()).post("/postwarden/dkim/domains/" + DOMAIN + "/keys/" + key.getString("selector") + "?action=activate")
            .then().statusCode(200);

        JsonPath report = examine();

        assertThat(status(report, "dkim")).isEqualTo("pass");
        assertThat(report.getString("status")).isEqualTo("warn");
    }

    @Test
    @Order(3)
    void queryParametersShouldOverrideTheDefaults() {
        given(server.webAdmin().spec()).queryParam("ip", "198.51.100.7").get(DOCTOR).then().statusCode(200)
            .body("ip", equalTo("198.51.100.7"))
            .body("checks.find { it.check == 'spf' }.status", equalTo("fail"))
            .body("checks.find { it.check == 'spf' }.publish.value", equalTo("v=spf1 ip4:198.51.100.7 ip4:192.0.2.25 -all"));
    }

    @Test
    @Order(4)
    void unknownDomainAndBadAddressShouldBeRejected() {
        given(server.webAdmin().spec()).get("/postwarden/deliverability/domains/elsewhere.test").then().statusCode(404);
        given(server.webAdmin().spec()).queryParam("ip", "not-an-ip").get(DOCTOR).then().statusCode(400);
    }

    /** The paths before every route moved under /postwarden/ answer the same for one release, behind the same guard. */
    @Test
    @Order(5)
    void formerPathsShouldStillAnswerAndSayWhereTheyMoved() {
        String current = given(server.webAdmin().spec()).get(DOCTOR).then().statusCode(200)
            .extract().jsonPath().getString("status");
        given(server.webAdmin().spec()).get("/deliverability/domains/" + DOMAIN).then().statusCode(200)
            .header("Deprecation", startsWith("@"))
            .header("Link", equalTo("<" + DOCTOR + ">; rel=\"successor-version\""))
            .body("status", equalTo(current));

        String request = "{\"algorithm\": \"ed25519\", \"selector\": \"former\"}";
        given(server.webAdmin().spec()).contentType("text/plain").body(request)
            .post("/dkim/domains/" + DOMAIN + "/keys").then().statusCode(415);
        given(server.webAdmin().spec()).body(request).post("/dkim/domains/" + DOMAIN + "/keys").then().statusCode(201)
            .header("Deprecation", startsWith("@"));
        given(server.webAdmin().spec()).get("/postwarden/dkim/domains/" + DOMAIN + "/keys/former").then().statusCode(200)
            .body("state", equalTo("pending"));
    }
}
