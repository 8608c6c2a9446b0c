package org.postwarden.dmarc.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The DMARC evaluations of incoming mail and the aggregate reports made of them. An evaluation is pending until a
 * report takes it; a report is unsent until its mail is on the spool, and taken by one sender at a time, so that
 * reports in flight survive a restart and go once.
 */
public interface AggregateReportStore extends DmarcReportLog {

    /**
     * Gathers the pending evaluations of each policy domain received before {@code end} into a new unsent report,
     * whose id {@code reportId} gives from the policy domain; returns how many reports it made.
     */
    int close(Instant end, Function<String, String> reportId);

    /**
     * Takes the unsent reports that no sender holds, or whose sender took them more than {@code stale} ago (it
     * stopped meanwhile), with their evaluations.
     */
    List<ReportBatch> takeUnsent(Instant now, Duration stale);

    /** The report's mail is on its way to {@code destinations}. */
    void markSent(String reportId, Instant sentAt, List<String> destinations);

    /** The report has nowhere to go; kept with the reason so that an operator can see why. */
    void markUndeliverable(String reportId, Instant at, String reason);

    /** Gives a taken report back, to be retried by the next run. */
    void release(String reportId);

    /** Per policy domain: the evaluations not reported yet (pending or in an unsent report) and the last report. */
    List<DomainReporting> domains();

    /** An unsent aggregate report: its period and evaluations. */
    record ReportBatch(String reportId, String policyDomain, Instant begin, Instant end,
                       List<DmarcEvaluation> evaluations) {
        public ReportBatch {
            evaluations = List.copyOf(evaluations);
        }
    }

    /** What an operator sees of one policy domain. */
    record DomainReporting(String policyDomain, long pendingEvaluations, Optional<Instant> pendingSince,
                           Optional<Instant> pendingUntil, Optional<SentReport> lastReport) {
    }

    /**
     * A report that left its unsent state: sent ({@code destinations} set) or undeliverable ({@code problem} set).
     */
    record SentReport(String reportId, Instant begin, Instant end, long evaluations, List<String> destinations,
                      Instant sentAt, Optional<String> problem) {
        public SentReport {
            destinations = List.copyOf(destinations);
        }
    }
}
