package org.postwarden.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dmarc.report.Evaluations.evaluation;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.postwarden.dmarc.report.AggregateReportStore.DomainReporting;
import org.postwarden.dmarc.report.DmarcEvaluation.ReportUri;
import org.postwarden.dns.StaticZone;
import org.postwarden.testing.MutableClock;

class AggregateReporterTest {
    private static final Instant DAY = Instant.parse("2026-11-21T10:00:00Z");
    private static final List<ReportUri> ASKER = List.of(new ReportUri("mailto:reports@asker.example", 0));
    private static final List<ReportUri> THIRD_PARTY = List.of(new ReportUri("mailto:reports@thirdparty.example", 0));

    private record Sent(String from, List<String> recipients, String message) {
    }

    private final MutableClock clock = new MutableClock(DAY);
    private final InMemoryAggregateReportStore store = new InMemoryAggregateReportStore();
    private final List<Sent> sent = new ArrayList<>();
    private boolean spoolDown;
    private final AggregateReporter reporter = new AggregateReporter(store,
        new ReportDestinations(StaticZone.builder().build()),
        (from, recipients, message) -> {
            if (spoolDown) {
                throw new IllegalStateException("spool unavailable");
            }
            sent.add(new Sent(from, recipients, new String(message, StandardCharsets.UTF_8)));
        },
        () -> new AggregateReporter.Reporter("Postwarden Test", "dmarc-reports@receiver.test"), clock, new Random(7));

    private static byte[] attachment(String message) {
        Matcher base64 = Pattern.compile("Content-Disposition: attachment; filename=\"[^\"]+\"\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--")
            .matcher(message);
        assertThat(base64.find()).isTrue();
        return Base64.getMimeDecoder().decode(base64.group(1));
    }

    @Test
    void aDomainWithRuaShouldGetOneValidReportAndTheOthersNone() throws Exception {
        store.record(evaluation(DAY, "asker.example", "192.0.2.1", true, ASKER));
        store.record(evaluation(DAY.plusSeconds(60), "asker.example", "192.0.2.1", true, ASKER));
        store.record(evaluation(DAY.plusSeconds(90), "asker.example", "203.0.113.5", false, ASKER));
        store.record(evaluation(DAY.plusSeconds(30), "spoofed.example", "192.0.2.9", true, THIRD_PARTY));
        clock.set(DAY.plusSeconds(3600));

        AggregateReporter.RunSummary summary = reporter.run();

        assertThat(summary.reportsClosed()).isEqualTo(2);
        assertThat(summary.sent()).singleElement().asString().endsWith(" to reports@asker.example");
        assertThat(summary.undeliverable()).singleElement().asString().contains("thirdparty.example does not accept reports");
        assertThat(sent).singleElement().satisfies(mail -> {
            assertThat(mail.from()).isEqualTo("dmarc-reports@receiver.test");
            assertThat(mail.recipients()).containsExactly("reports@asker.example");
            assertThat(mail.message())
                .contains("From: dmarc-reports@receiver.test\r\nTo: reports@asker.example\r\n")
                .containsPattern("Subject: Report Domain: asker\\.example Submitter: receiver\\.test Report-ID: <\\d+\\.[0-9a-f]{12}\\.asker\\.example@receiver\\.test>\r\n")
                .contains("Content-Type: application/gzip; name=\"receiver.test!asker.example!1795255200!1795258800.xml.gz\"")
                .contains("Content-Disposition: attachment; filename=\"receiver.test!asker.example!1795255200!1795258800.xml.gz\"");
        });
        byte[] xml;
        try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(attachment(sent.get(0).message())))) {
            xml = gunzip.readAllBytes();
        }
        AggregateReportXmlTest.validate(xml);
        assertThat(new String(xml, StandardCharsets.UTF_8))
            .contains("<source_ip>192.0.2.1</source_ip><count>2</count>")
            .contains("<source_ip>203.0.113.5</source_ip><count>1</count>");
    }

    @Test
    void aReportThatCannotBeQueuedShouldBeSentByTheNextRun() {
        store.record(evaluation(DAY, "asker.example", "192.0.2.1", true, ASKER));
        clock.set(DAY.plusSeconds(3600));
        spoolDown = true;

        AggregateReporter.RunSummary failed = reporter.run();

        assertThat(failed.retrying()).singleElement().asString().contains("spool unavailable");
        assertThat(store.domains()).extracting(DomainReporting::pendingEvaluations).containsExactly(1L);
        spoolDown = false;
        clock.set(DAY.plusSeconds(7200));
        AggregateReporter.RunSummary retried = reporter.run();

        assertThat(retried.reportsClosed()).isZero();
        assertThat(retried.sent()).hasSize(1);
        assertThat(sent).hasSize(1);
        assertThat(store.domains().get(0).lastReport().orElseThrow().destinations()).containsExactly("reports@asker.example");
        assertThat(reporter.run().sent()).isEmpty();
    }

    @Test
    void nothingPendingShouldSendNothing() {
        assertThat(reporter.run()).isEqualTo(new AggregateReporter.RunSummary(0, List.of(), List.of(), List.of()));
        assertThat(sent).isEmpty();
    }
}
