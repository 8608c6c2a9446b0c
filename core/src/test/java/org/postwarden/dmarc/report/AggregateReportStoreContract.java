package org.postwarden.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dmarc.report.Evaluations.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postwarden.dmarc.report.AggregateReportStore.DomainReporting;
import org.postwarden.dmarc.report.AggregateReportStore.ReportBatch;
import org.postwarden.dmarc.report.DmarcEvaluation.ReportUri;

/** What every {@link AggregateReportStore} does. */
public interface AggregateReportStoreContract {
    Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    Instant RUN = Instant.parse("2026-11-22T00:00:00Z");
    List<ReportUri> RUA = List.of(new ReportUri("mailto:agg@example.com", 10L << 20));

    AggregateReportStore store();

    private void recordSome() {
        store().record(evaluation(T0, "example.com", "192.0.2.1", true, RUA));
        store().record(evaluation(T0.plusSeconds(60), "example.com", "192.0.2.2", false, RUA));
        store().record(evaluation(T0.plusSeconds(30), "example.org", "192.0.2.3", true, RUA));
        store().record(evaluation(RUN.plusSeconds(1), "example.com", "192.0.2.4", true, RUA));
    }

    @Test
    default void closeShouldGatherTheEvaluationsOfEachDomainBeforeTheEnd() {
        recordSome();

        assertThat(store().close(RUN, domain -> "r-" + domain)).isEqualTo(2);
        List<ReportBatch> taken = store().takeUnsent(RUN, Duration.ofHours(1));

        assertThat(taken).extracting(ReportBatch::reportId).containsExactlyInAnyOrder("r-example.com", "r-example.org");
        ReportBatch example = taken.stream().filter(batch -> batch.policyDomain().equals("example.com")).findFirst().orElseThrow();
        assertThat(example.begin()).isEqualTo(T0);
        assertThat(example.end()).isEqualTo(RUN);
        assertThat(example.evaluations()).containsExactly(evaluation(T0, "example.com", "192.0.2.1", true, RUA),
            evaluation(T0.plusSeconds(60), "example.com", "192.0.2.2", false, RUA));
    }

    @Test
    default void aTakenReportShouldNotBeTakenAgainUntilReleasedOrStale() {
        recordSome();
        store().close(RUN, domain -> "r-" + domain);
        store().takeUnsent(RUN, Duration.ofHours(1));

        assertThat(store().takeUnsent(RUN.plusSeconds(60), Duration.ofHours(1))).isEmpty();
        store().release("r-example.com");
        assertThat(store().takeUnsent(RUN.plusSeconds(120), Duration.ofHours(1))).extracting(ReportBatch::reportId)
            .containsExactly("r-example.com");
        assertThat(store().takeUnsent(RUN.plus(Duration.ofHours(2)), Duration.ofHours(1))).extracting(ReportBatch::reportId)
            .containsExactlyInAnyOrder("r-example.com", "r-example.org");
    }

    @Test
    default void aSentReportShouldNotComeBackAndShouldShowAsTheLastReport() {
        recordSome();
        store().close(RUN, domain -> "r-" + domain);
        store().takeUnsent(RUN, Duration.ofHours(1));

        store().markSent("r-example.com", RUN.plusSeconds(5), List.of("agg@example.com"));
        store().markUndeliverable("r-example.org", RUN.plusSeconds(6), "nowhere to go");

        assertThat(store().takeUnsent(RUN.plus(Duration.ofDays(1)), Duration.ofHours(1))).isEmpty();
        List<DomainReporting> domains = store().domains();
        assertThat(domains).extracting(DomainReporting::policyDomain).containsExactly("example.com", "example.org");
        DomainReporting example = domains.get(0);
        assertThat(example.pendingEvaluations()).isEqualTo(1);
        assertThat(example.pendingSince()).contains(RUN.plusSeconds(1));
        AggregateReportStore.SentReport last = example.lastReport().orElseThrow();
        assertThat(last.reportId()).isEqualTo("r-example.com");
        assertThat(last.begin()).isEqualTo(T0);
        assertThat(last.end()).isEqualTo(RUN);
        assertThat(last.evaluations()).isEqualTo(2);
        assertThat(last.destinations()).containsExactly("agg@example.com");
        assertThat(last.sentAt()).isEqualTo(RUN.plusSeconds(5));
        assertThat(last.problem()).isEmpty();
        assertThat(domains.get(1).pendingEvaluations()).isZero();
        assertThat(domains.get(1).lastReport().orElseThrow().problem()).contains("nowhere to go");
    }

    @Test
    default void evaluationsInAnUnsentReportShouldStillCountAsPending() {
        recordSome();
        store().close(RUN, domain -> "r-" + domain);

        assertThat(store().domains()).extracting(DomainReporting::pendingEvaluations).containsExactly(3L, 1L);
        assertThat(store().domains().get(0).lastReport()).isEmpty();
    }
}
