package org.postwarden.e2e.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

import javax.mail.BodyPart;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.dkim.DkimResult;
import org.postwarden.dkim.DkimVerifier;
import org.postwarden.dns.StaticZone;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.Oracles;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.e2e.harness.SmtpSink;

import io.restassured.path.json.JsonPath;

/**
 * DMARC aggregate reports end to end: evaluations of incoming mail kept across a restart, one report to the domain
 * that asked for it (valid against RFC 7489's schema, read by an independent parser, DKIM-signed), none to a domain
 * without rua= nor to a third party that did not authorize it (RFC 7489 §7.1).
 */
class DmarcAggregateReportTest {
    private static final String DOMAIN = "mx.inbound.test";
    private static final String REPORTER_DOMAIN = "reports.test";
    private static final String REPORTER = "dmarc-reports@" + REPORTER_DOMAIN;
    private static final String PASSWORD = "secret";
    private static final String REPORTS = "/postwarden/dmarc/reports";
    private static final String BASE_ZONE = "\"asker.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}],"
        + "\"_dmarc.asker.example\": [{\"TXT\": \"v=DMARC1; p=none; rua=mailto:reports@asker.example!10m\"}],"
        + "\"quiet.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}],"
        + "\"_dmarc.quiet.example\": [{\"TXT\": \"v=DMARC1; p=reject\"}],"
        + "\"redirected.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}],"
        + "\"_dmarc.redirected.example\": [{\"TXT\": \"v=DMARC1; p=none; rua=mailto:dmarc@victim.example\"}],"
        + "\"other.example\": [{\"TXT\": \"v=spf1 -all\"}]";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension("{" + BASE_ZONE + "}",
        new ConfEdits()
            .replace("dmarc-reports.properties", "reporterAddress=\n", "reporterAddress=" + REPORTER + "\n")
            .replace("dmarc-reports.properties", "orgName=\n", "orgName=Postwarden E2E\n"));

    @TempDir
    static Path work;

    private static String dkimName;
    private static String dkimRecord;

    @BeforeAll
    static void provision() throws Exception {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createDomain(REPORTER_DOMAIN);
        server.webAdmin().createUser("alice@" + DOMAIN, PASSWORD);
        String keys = "/postwarden/dkim/domains/" + REPORTER_DOMAIN + "/keys";
        JsonPath key = given(server.webAdmin().spec()).body("{\"algorithm\": \"rsa\"}").post(keys)
            .then().statusCode(201).extract().jsonPath();
        dkimName = key.getString("dnsName");
        dkimRecord = key.getString("dnsRecord");
        server.publishZone(zoneJson());
        given(server.webAdmin().spec()).post(keys + "/" + key.getString("selector") + "?action=activate").then().statusCode(200);
    }

    private static String zoneJson() {
        return "{" + BASE_ZONE + ",\"" + dkimName + "\": [{\"TXT\": \"" + dkimRecord + "\"}]}";
    }

    private static void receive(String mailFrom, String from) {
        String to = "alice@" + DOMAIN;
        try (SmtpSession smtp = SmtpSession.connect(server.ports().smtp())) {
            assertThat(smtp.mailFrom(mailFrom)).startsWith("250");
            assertThat(smtp.rcptTo(to)).startsWith("250");
            assertThat(smtp.data(Messages.simple(from, to, "for the report"))).startsWith("250");
        }
    }

    private static JsonPath domains() {
        return given(server.webAdmin().spec()).get(REPORTS).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void pendingEvaluationsShouldSurviveARestartAndBeReportedOnceToTheAskingDomainOnly() throws Exception {
        receive("news@asker.example", "news@asker.example");
        receive("news@asker.example", "news@asker.example");
        receive("bounce@other.example", "ceo@asker.example");
        receive("news@quiet.example", "news@quiet.example");
        receive("news@redirected.example", "news@redirected.example");

        JsonPath pending = domains();
        assertThat(pending.getList("domain")).containsExactly("asker.example", "redirected.example");
        assertThat(pending.getLong("find { it.domain == 'asker.example' }.pending.evaluations")).isEqualTo(3);
        assertThat(pending.getString("find { it.domain == 'asker.example' }.lastReport")).isNull();

        server.restart();
        assertThat(domains().getLong("find { it.domain == 'asker.example' }.pending.evaluations")).isEqualTo(3);
        server.sink().clear();

        JsonPath run = given(server.webAdmin().spec()).post(REPORTS + "?action=send").then().statusCode(200)
            .body("reportsClosed", equalTo(2)).extract().jsonPath();
        assertThat(run.getList("sent", String.class)).singleElement().asString().endsWith(" to reports@asker.example");
        assertThat(run.getList("undeliverable", String.class)).singleElement().asString()
            .contains("victim.example does not accept reports for redirected.example");

        await().atMost(Duration.ofSeconds(30)).until(() -> !server.sink().received().isEmpty());
        Thread.sleep(2_000);
        assertThat(server.sink().received()).hasSize(1);
        SmtpSink.ReceivedMail report = server.sink().received().get(0);
        assertThat(report.rcptTo()).containsExactly("reports@asker.example");
        assertThat(report.mailFrom()).isEqualTo(REPORTER);

        byte[] raw = report.data().getBytes(StandardCharsets.ISO_8859_1);
        assertSignedByTheReportingDomain(raw);
        byte[] xml = attachedReport(raw);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(new StreamSource(getClass().getResourceAsStream("/dmarc/rua-schema.xsd"))).newValidator()
            .validate(new StreamSource(new ByteArrayInputStream(xml)));
        assertThat(independentlyParsed(xml)).contains(
            "policy asker.example p=none sp=none pct=100",
            "record 127.0.0.1 count=2 disposition=none dkim=fail spf=pass header_from=asker.example",
            "record 127.0.0.1 count=1 disposition=none dkim=fail spf=fail header_from=asker.example",
            "auth 127.0.0.1 dkim= spf=other.example:mfrom:fail",
            "messages 3");

        JsonPath after = domains();
        assertThat(after.getLong("find { it.domain == 'asker.example' }.pending.evaluations")).isZero();
        assertThat(after.getList("find { it.domain == 'asker.example' }.lastReport.rua", String.class))
            .containsExactly("reports@asker.example");
        assertThat(after.getString("find { it.domain == 'asker.example' }.lastReport.reportId")).endsWith("@" + REPORTER_DOMAIN);
        assertThat(after.getString("find { it.domain == 'asker.example' }.lastReport.sentAt")).isNotNull();
        assertThat(after.getString("find { it.domain == 'redirected.example' }.lastReport.problem")).contains("victim.example");

        server.sink().clear();
        given(server.webAdmin().spec()).post(REPORTS + "?action=send").then().statusCode(200).body("reportsClosed", equalTo(0));
        Thread.sleep(2_000);
        assertThat(server.sink().received()).isEmpty();
    }

    @Test
    void anUnknownActionShouldBeRefused() {
        given(server.webAdmin().spec()).post(REPORTS + "?action=purge").then().statusCode(400);
    }

    private static void assertSignedByTheReportingDomain(byte[] raw) throws Exception {
        assertThat(new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n\t", " ")).contains("d=" + REPORTER_DOMAIN + ";");
        List<DkimResult> ours = new DkimVerifier(StaticZone.fromJson(zoneJson()), Clock.systemUTC()).verify(raw);
        assertThat(ours).extracting(DkimResult::status).containsExactly(DkimResult.Status.PASS);
        Oracles oracles = Oracles.find().orElse(null);
        Assumptions.assumeTrue(oracles != null, "the oracles of ../shared are not installed");
        Path file = work.resolve("report.eml");
        Files.write(file, raw);
        Path dns = Oracles.dnsFile(work, Map.of(dkimName, dkimRecord));
        assertThat(oracles.run("dkimpy_oracle.py", "verify", "--dns", dns.toString(), file.toString()).exitCode()).isZero();
    }

    private static byte[] attachedReport(byte[] raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        assertThat(message.getSubject()).matches("Report Domain: asker\\.example Submitter: reports\\.test Report-ID: <.+@reports\\.test>");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        BodyPart attachment = parts.getBodyPart(1);
        assertThat(attachment.getContentType()).startsWith("application/gzip");
        assertThat(attachment.getFileName()).matches("reports\\.test!asker\\.example!\\d+!\\d+\\.xml\\.gz");
        try (InputStream gunzip = new GZIPInputStream(attachment.getInputStream())) {
            return gunzip.readAllBytes();
        }
    }

    private static List<String> independentlyParsed(byte[] xml) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed");
        Path checker = work.resolve("dmarc_report_check.py");
        try (InputStream script = DmarcAggregateReportTest.class.getResourceAsStream("/dmarc/dmarc_report_check.py")) {
            Files.write(checker, script.readAllBytes());
        }
        Path file = work.resolve("report.xml");
        Files.write(file, xml);
        Process process = new ProcessBuilder("/usr/bin/python3", checker.toString(), file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output.lines().toList();
    }
}
