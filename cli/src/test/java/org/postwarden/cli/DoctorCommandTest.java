package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postwarden.deliverability.DoctorFixture;
import org.postwarden.deliverability.TestCertificates;

/** The doctor over the fixture zone of core's DoctorFixture, DKIM checked through the published "ed" selector. */
class DoctorCommandTest {
    @TempDir
    static Path directory;
    static String zone;
    static String certificate;

    @BeforeAll
    static void files() throws IOException {
        zone = Files.writeString(directory.resolve("zone.json"), DoctorFixture.zoneJson()).toString();
        Instant now = Instant.now();
        TestCertificates.Issued ca = TestCertificates.selfSigned("CLI CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        TestCertificates.Issued leaf = TestCertificates.issuedBy(ca, DoctorFixture.HELO, now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(90)), DoctorFixture.HELO);
        certificate = Files.writeString(directory.resolve("chain.pem"),
            TestCertificates.pem(leaf.certificate(), ca.certificate())).toString();
    }

    private static Cli.Result doctor(String domain, String... extra) {
        List<String> args = new ArrayList<>(List.of("doctor", "--domain", domain, "--dns", zone, "--selector", "ed",
            "--certificate", certificate, "--helo", DoctorFixture.HELO, "--ip",
            DoctorFixture.target(domain).outboundIp().orElseThrow().getHostAddress()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static Map<String, String> statuses(Cli.Result result) throws IOException {
        Map<String, String> statuses = new HashMap<>();
        for (JsonNode check : new ObjectMapper().readTree(result.out()).get("checks")) {
            statuses.merge(check.get("check").asText(), check.get("status").asText(), (a, b) -> a.equals("fail") ? a : b);
        }
        return statuses;
    }

    @Test
    void wellConfiguredDomainShouldPassWithExitCodeZero() throws IOException {
        Cli.Result result = doctor("good.test", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(statuses(result)).hasSize(8).allSatisfy((check, status) -> assertThat(status).as(check).isEqualTo("pass"));
        assertThat(new ObjectMapper().readTree(result.out()).get("status").asText()).isEqualTo("pass");
        assertThat(result.err()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
        "nospf.test, spf, fail, 2",
        "twospf.test, spf, fail, 2",
        "badspf.test, spf, fail, 2",
        "deepspf.test, spf, fail, 2",
        "voidspf.test, spf, fail, 2",
        "otherip.test, spf, fail, 2",
        "nodkim.test, dkim, fail, 2",
        "nodmarc.test, dmarc, fail, 2",
        "dmarcnone.test, dmarc, warn, 1",
        "norua.test, dmarc, warn, 1",
        "noptr.test, reverse-dns, fail, 2",
        "unconfirmed.test, reverse-dns, fail, 2",
        "nomx.test, mx, fail, 2",
        "nomtasts.test, mta-sts, warn, 1",
        "notlsrpt.test, tls-rpt, warn, 1",
    })
    void eachBrokenDomainShouldReportItsCheckAndExitByTheWorstStatus(String domain, String check, String status,
                                                                     int exitCode) throws IOException {
        Cli.Result result = doctor(domain, "--json");

        Map<String, String> statuses = statuses(result);
        assertThat(statuses).containsEntry(check, status);
        statuses.remove(check);
        assertThat(statuses).as(result.out()).allSatisfy((other, otherStatus) -> assertThat(otherStatus).as(other).isEqualTo("pass"));
        assertThat(result.exitCode()).isEqualTo(exitCode);
    }

    @Test
    void tableShouldShowTheRecordToPublish() {
        Cli.Result result = doctor("nodmarc.test");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).startsWith("CHECK            STATUS EXPLANATION\n")
            .contains("\nspf              pass   one SPF record, 0 of 10 DNS lookups, authorizing 192.0.2.10\n")
            .contains("\ndmarc            fail   no DMARC record at _dmarc.nodmarc.test")
            .contains("\n                        publish: _dmarc.nodmarc.test TXT "
                + "\"v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@nodmarc.test\"\n")
            .endsWith("overall: fail\n");
    }

    @Test
    void temporaryDnsFailureShouldWarnWithExitCodeOne() throws IOException {
        Cli.Result result = doctor("tempfail.test", "--json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("temporary DNS failure");
    }

    @Test
    void withoutCertificateTheTlsCheckShouldWarn() throws IOException {
        Cli.Result result = Cli.run("doctor", "--domain", "good.test", "--dns", zone, "--selector", "ed", "--ip",
            DoctorFixture.IP, "--helo", DoctorFixture.HELO, "--json");

        assertThat(statuses(result)).containsEntry("tls-certificate", "warn");
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void badAddressShouldBeAUsageError() {
        Cli.Result result = Cli.run("doctor", "--domain", "good.test", "--dns", zone, "--ip", "mail.good.test");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("postwarden-auth doctor: --ip must be an IPv4 or IPv6 address, got \"mail.good.test\"");
    }

    @Test
    void badDomainShouldBeAUsageError() {
        Cli.Result result = Cli.run("doctor", "--domain", "not a domain", "--dns", zone);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("postwarden-auth doctor: --domain: not a domain name");
    }
}
