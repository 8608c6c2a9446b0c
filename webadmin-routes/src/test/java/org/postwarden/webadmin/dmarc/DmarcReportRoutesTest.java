package org.postwarden.webadmin.dmarc;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.postwarden.dmarc.report.Evaluations.evaluation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.dmarc.report.AggregateReporter;
import org.postwarden.dmarc.report.DmarcEvaluation.ReportUri;
import org.postwarden.dmarc.report.InMemoryAggregateReportStore;
import org.postwarden.dmarc.report.ReportDestinations;
import org.postwarden.dns.StaticZone;

import io.restassured.RestAssured;

class DmarcReportRoutesTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Clock RUN = Clock.fixed(Instant.parse("2026-11-22T00:30:00Z"), ZoneOffset.UTC);
    private static final List<ReportUri> RUA = List.of(new ReportUri("mailto:dmarc@example.com", 0));

    private final InMemoryAggregateReportStore store = new InMemoryAggregateReportStore();
    private final List<List<String>> queued = new ArrayList<>();
    private WebAdminServer server;

    @BeforeEach
    void start() {
        AggregateReporter reporter = new AggregateReporter(store, new ReportDestinations(StaticZone.builder().build()),
            (from, recipients, message) -> queued.add(recipients),
            () -> new AggregateReporter.Reporter("Test", "dmarc-reports@receiver.test"), RUN, new Random(3));
        server = WebAdminUtils.createWebAdminServer(new DmarcReportRoutes(store, reporter)).start();
        RestAssured.requestSpecification = WebAdminUtils.buildRequestSpecification(server).build();
    }

    @AfterEach
    void stop() {
        server.destroy();
    }

    @Test
    void domainsShouldShowPendingEvaluationsBeforeTheFirstReport() {
        store.record(evaluation(T0, "example.com", "192.0.2.1", true, RUA));
        store.record(evaluation(T0.plusSeconds(60), "example.com", "192.0.2.2", false, RUA));

        when().get(DmarcReportRoutes.BASE).then().statusCode(200)
            .body("", hasSize(1))
            .body("[0].domain", equalTo("example.com"))
            .body("[0].pending.evaluations", equalTo(2))
            .body("[0].pending.from", equalTo("2026-11-21T10:00:00Z"))
            .body("[0].pending.until", equalTo("2026-11-21T10:01:00Z"))
            .body("[0].lastReport", nullValue());
    }

    @Test
    void sendShouldReportThePendingEvaluationsAndShowTheLastReport() {
        store.record(evaluation(T0, "example.com", "192.0.2.1", true, RUA));

        when().post(DmarcReportRoutes.BASE + "?action=send").then().statusCode(200)
            .body("reportsClosed", equalTo(1))
            .body("sent", hasSize(1))
            .body("undeliverable", hasSize(0));

        assertThat(queued).containsExactly(List.of("dmarc@example.com"));
        when().get(DmarcReportRoutes.BASE).then().statusCode(200)
            .body("[0].pending.evaluations", equalTo(0))
            .body("[0].pending.from", nullValue())
            .body("[0].lastReport.rua", contains("dmarc@example.com"))
            .body("[0].lastReport.evaluations", equalTo(1))
            .body("[0].lastReport.begin", equalTo("2026-11-21T10:00:00Z"))
            .body("[0].lastReport.end", equalTo("2026-11-22T00:30:00Z"))
            .body("[0].lastReport.sentAt", equalTo("2026-11-22T00:30:00Z"))
            .body("[0].lastReport.problem", nullValue());
    }

    @Test
    void anotherActionShouldBeRefused() {
        when().post(DmarcReportRoutes.BASE + "?action=purge").then().statusCode(400)
            .body("message", equalTo("Unknown action 'purge': use ?action=send"));
        when().post(DmarcReportRoutes.BASE).then().statusCode(400);
        assertThat(queued).isEmpty();
    }
}
