package org.postwarden.webadmin.dmarc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.postwarden.dmarc.report.AggregateReportStore.DomainReporting;
import org.postwarden.dmarc.report.AggregateReportStore.SentReport;

/** The JSON of the DMARC report routes: times in ISO-8601, null when there is none. */
final class DmarcReportViews {
    private DmarcReportViews() {
    }

    record Domain(String domain, Pending pending, LastReport lastReport) {
        static Domain of(DomainReporting reporting) {
            return new Domain(reporting.policyDomain(),
                new Pending(reporting.pendingEvaluations(), text(reporting.pendingSince()), text(reporting.pendingUntil())),
                reporting.lastReport().map(LastReport::of).orElse(null));
        }
    }

    record Pending(long evaluations, String from, String until) {
    }

    record LastReport(String reportId, String begin, String end, long evaluations, List<String> rua, String sentAt,
                      String problem) {
        static LastReport of(SentReport report) {
            return new LastReport(report.reportId(), report.begin().toString(), report.end().toString(),
                report.evaluations(), report.destinations(), report.sentAt().toString(), report.problem().orElse(null));
        }
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
