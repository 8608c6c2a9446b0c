package org.postwarden.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.postwarden.dmarc.report.Evaluations.evaluation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.dmarc.DmarcPolicy;
import org.postwarden.dmarc.report.DmarcEvaluation.PolicyOverride;
import org.xml.sax.SAXException;

class AggregateReportXmlTest {
    private static final Instant BEGIN = Instant.parse("2026-11-21T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-22T00:00:00Z");
    private static final AggregateReport.Metadata METADATA = new AggregateReport.Metadata("Postwarden Test",
        "dmarc-reports@receiver.test", "1.abc.example.com@receiver.test", BEGIN, END);

    @TempDir
    Path work;

    static void validate(byte[] xml) throws IOException, SAXException {
        try (InputStream schema = AggregateReportXmlTest.class.getResourceAsStream("/dmarc/rua-schema.xsd")) {
            Validator validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(schema)).newValidator();
            validator.validate(new StreamSource(new ByteArrayInputStream(xml)));
        }
    }

    private static AggregateReport report() {
        DmarcEvaluation sampled = evaluation(BEGIN.plusSeconds(30), "example.com", "203.0.113.9", false, List.of());
        sampled = new DmarcEvaluation(sampled.receivedAt(), sampled.sourceIp(), sampled.headerFrom(), sampled.envelopeFrom(),
            sampled.policy(), sampled.reportTo(), new DmarcEvaluation.PolicyEvaluated(DmarcPolicy.QUARANTINE, false, false,
            List.of(PolicyOverride.SAMPLED_OUT)), sampled.dkim(), sampled.spf());
        return AggregateReport.of(METADATA, List.of(
            evaluation(BEGIN.plusSeconds(10), "example.com", "192.0.2.10", true, List.of()),
            evaluation(BEGIN.plusSeconds(20), "example.com", "192.0.2.10", true, List.of()),
            evaluation(BEGIN.plusSeconds(25), "example.com", "2001:db8:0:0:0:0:0:1", true, List.of()),
            evaluation(BEGIN.plusSeconds(30), "example.com", "203.0.113.9", false, List.of()),
            sampled));
    }

    @Test
    void evaluationsShouldBeGroupedBySourceIpAndResults() {
        assertThat(report().rows()).extracting(AggregateReport.Row::sourceIp, AggregateReport.Row::count)
            .containsExactly(
                tuple("192.0.2.10", 2L),
                tuple("2001:db8:0:0:0:0:0:1", 1L),
                tuple("203.0.113.9", 1L),
                tuple("203.0.113.9", 1L));
        assertThat(report().messageCount()).isEqualTo(5);
    }

    @Test
    void theXmlShouldBeValidAgainstTheRfc7489Schema() throws Exception {
        byte[] xml = AggregateReportXml.xml(report());

        validate(xml);
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><feedback><version>1.0</version>")
            .contains("<report_metadata><org_name>Postwarden Test</org_name><email>dmarc-reports@receiver.test</email>"
                + "<report_id>1.abc.example.com@receiver.test</report_id><date_range><begin>1795219200</begin>"
                + "<end>1795305600</end></date_range></report_metadata>")
            .contains("<policy_published><domain>example.com</domain><adkim>r</adkim><aspf>r</aspf><p>reject</p>"
                + "<sp>quarantine</sp><pct>100</pct><fo>0</fo></policy_published>")
            .contains("<row><source_ip>192.0.2.10</source_ip><count>2</count><policy_evaluated><disposition>none"
                + "</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row>")
            .contains("<policy_evaluated><disposition>quarantine</disposition><dkim>fail</dkim><spf>fail</spf>"
                + "<reason><type>sampled_out</type></reason></policy_evaluated>")
            .contains("<auth_results><dkim><domain>example.com</domain><selector>sel</selector><result>pass</result></dkim>"
                + "<spf><domain>example.com</domain><scope>mfrom</scope><result>pass</result></spf></auth_results>");
    }

    @Test
    void theValidatorShouldRejectAReportMissingARequiredElement() {
        byte[] broken = new String(AggregateReportXml.xml(report()), StandardCharsets.UTF_8)
            .replace("<sp>quarantine</sp>", "").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> validate(broken)).isInstanceOf(SAXException.class).hasMessageContaining("sp");
    }

    @Test
    void markupInValuesShouldBeEscaped() throws Exception {
        AggregateReport report = AggregateReport.of(new AggregateReport.Metadata("A & B <Mail>", "r@receiver.test",
            "id", BEGIN, END), List.of(evaluation(BEGIN, "example.com", "192.0.2.1", true, List.of())));

        byte[] xml = AggregateReportXml.xml(report);

        validate(xml);
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<org_name>A &amp; B &lt;Mail&gt;</org_name>");
    }

    @Test
    void theGzipShouldHoldTheSameXml() throws Exception {
        try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(AggregateReportXml.gzip(report())))) {
            assertThat(gunzip.readAllBytes()).isEqualTo(AggregateReportXml.xml(report()));
        }
    }

    @Test
    void theIndependentPythonCheckerShouldReadTheRecords() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed");
        Path checker = work.resolve("dmarc_report_check.py");
        try (InputStream script = getClass().getResourceAsStream("/dmarc/dmarc_report_check.py")) {
            Files.write(checker, script.readAllBytes());
        }
        Path report = work.resolve("report.xml.gz");
        Files.write(report, AggregateReportXml.gzip(report()));

        Process process = new ProcessBuilder("/usr/bin/python3", checker.toString(), report.toString())
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines()).contains(
            "policy example.com p=reject sp=quarantine pct=100",
            "record 192.0.2.10 count=2 disposition=none dkim=pass spf=pass header_from=example.com",
            "record 203.0.113.9 count=1 disposition=quarantine dkim=fail spf=fail header_from=example.com reason=sampled_out",
            "messages 5");
    }
}
