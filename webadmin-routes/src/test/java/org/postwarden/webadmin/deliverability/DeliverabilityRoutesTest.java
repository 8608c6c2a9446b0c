package org.postwarden.webadmin.deliverability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postwarden.deliverability.DoctorConfiguration;
import org.postwarden.deliverability.DoctorFixture;
import org.postwarden.webadmin.DeprecatedPath;

import com.google.common.net.InetAddresses;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

class DeliverabilityRoutesTest {
    private static final DoctorConfiguration DEFAULTS = new DoctorConfiguration(
        Optional.of(InetAddresses.forString(DoctorFixture.IP)), Optional.of(DoctorFixture.HELO), List.of(), List.of());

    private static WebAdminServer server;
    private static RequestSpecification spec;

    @BeforeAll
    static void start() {
        Set<String> local = Set.copyOf(DoctorFixture.DOMAINS);
        DeliverabilityRoutes routes = new DeliverabilityRoutes(DoctorFixture.doctor(DoctorFixture.zone()),
            new LocalDomains(local), DEFAULTS);
        server = WebAdminUtils.createWebAdminServer(routes, new DeprecatedPath(DeliverabilityRoutes.FORMER_BASE, routes)).start();
        spec = WebAdminUtils.buildRequestSpecification(server).build();
    }

    @AfterAll
    static void stop() {
        server.destroy();
    }

    private static JsonPath examine(String domain, String ip) {
        return given(spec).queryParam("ip", ip).get(DeliverabilityRoutes.BASE + "/" + domain)
            .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, String> statuses(JsonPath report) {
        List<String> checks = report.getList("checks.check");
        List<String> statuses = report.getList("checks.status");
        Map<String, String> byCheck = new HashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            byCheck.merge(checks.get(i), statuses.get(i), (a, b) -> a.equals("fail") ? a : b);
        }
        return byCheck;
    }

    @Test
    void wellConfiguredDomainShouldPassEveryCheck() {
        JsonPath report = given(spec).get(DeliverabilityRoutes.BASE + "/good.test").then().statusCode(200)
            .body("domain", equalTo("good.test"))
            .body("ip", equalTo("192.0.2.10"))
            .body("helo", equalTo("mail.good.test"))
            .body("status", equalTo("pass"))
            .extract().jsonPath();

        assertThat(report.getList("checks.check")).containsExactly("spf", "dkim", "dmarc", "reverse-dns", "mx",
            "tls-certificate", "mta-sts", "tls-rpt");
        assertThat(report.getList("checks.status")).containsOnly("pass");
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
        "nospf.test, 192.0.2.10, spf, fail",
        "deepspf.test, 192.0.2.10, spf, fail",
        "otherip.test, 192.0.2.10, spf, fail",
        "dkimwrong.test, 192.0.2.10, dkim, fail",
        "nodkim.test, 192.0.2.10, dkim, fail",
        "nodmarc.test, 192.0.2.10, dmarc, fail",
        "dmarcnone.test, 192.0.2.10, dmarc, warn",
        "noptr.test, 192.0.2.20, reverse-dns, fail",
        "unconfirmed.test, 192.0.2.30, reverse-dns, fail",
        "nomx.test, 192.0.2.10, mx, fail",
        "nomtasts.test, 192.0.2.10, mta-sts, warn",
        "notlsrpt.test, 192.0.2.10, tls-rpt, warn",
    })
    void eachBrokenDomainShouldReportItsCheck(String domain, String ip, String check, String status) {
        JsonPath report = examine(domain, ip);

        Map<String, String> statuses = statuses(report);
        assertThat(statuses).containsEntry(check, status);
        statuses.remove(check);
        assertThat(statuses).allSatisfy((other, otherStatus) -> assertThat(otherStatus).as(other).isEqualTo("pass"));
        assertThat(report.getString("status")).isEqualTo(status);
    }

    @Test
    void findingsShouldCarryTheRecordToPublish() {
        JsonPath report = examine("nodmarc.test", DoctorFixture.IP);

        assertThat(report.getMap("checks.find { it.check == 'dmarc' }.publish")).isEqualTo(Map.of(
            "name", "_dmarc.nodmarc.test", "type", "TXT", "value", "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@nodmarc.test"));
        assertThat(report.getMap("checks.find { it.check == 'spf' }")).doesNotContainKey("publish");
    }

    @Test
    void heloParameterShouldOverrideTheConfiguredName() {
        JsonPath report = given(spec).queryParam("helo", "smtp.good.test").get(DeliverabilityRoutes.BASE + "/good.test")
            .then().statusCode(200).body("helo", equalTo("smtp.good.test")).extract().jsonPath();

        assertThat(statuses(report)).containsEntry("reverse-dns", "warn");
    }

    @Test
    void temporaryDnsFailureShouldBeAWarningNotAnError() {
        JsonPath report = examine("tempfail.test", DoctorFixture.IP);

        assertThat(report.getString("status")).isEqualTo("warn");
        assertThat(report.getString("checks.find { it.check == 'mx' }.explanation")).startsWith("temporary DNS failure");
    }

    @Test
    void domainThatIsNotLocalShouldBeNotFound() {
        given(spec).get(DeliverabilityRoutes.BASE + "/elsewhere.test").then().statusCode(404)
            .body("type", equalTo("notFound"))
            .body("message", equalTo("elsewhere.test is not a local domain"));
    }

    @Test
    void badIpShouldBeRejected() {
        given(spec).queryParam("ip", "mail.good.test").get(DeliverabilityRoutes.BASE + "/good.test").then().statusCode(400)
            .body("type", equalTo("InvalidArgument"))
            .body("message", equalTo("ip must be an IPv4 or IPv6 address, got 'mail.good.test'"));
    }

    @Test
    void formerPathShouldAnswerTheSameAndPointToTheNewOne() {
        String current = given(spec).get(DeliverabilityRoutes.BASE + "/good.test").then().statusCode(200)
            .header("Deprecation", nullValue())
            .extract().asString();

        String former = given(spec).get("/deliverability/domains/good.test").then().statusCode(200)
            .header("Deprecation", equalTo("@1796601600"))
            .header("Link", equalTo("</postwarden/deliverability/domains/good.test>; rel=\"successor-version\""))
            .extract().asString();
        assertThat(former).isEqualTo(current);
        given(spec).get("/deliverability/domains/elsewhere.test").then().statusCode(404)
            .body("message", equalTo("elsewhere.test is not a local domain"));
    }

    /** James' DomainList over a fixed set. */
    private record LocalDomains(Set<String> names) implements DomainList {
        @Override
        public List<Domain> getDomains() {
            return names.stream().map(Domain::of).toList();
        }

        @Override
        public boolean containsDomain(Domain domain) {
            return names.contains(domain.asString());
        }

        @Override
        public void addDomain(Domain domain) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeDomain(Domain domain) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Domain getDefaultDomain() {
            return Domain.of("good.test");
        }
    }
}
