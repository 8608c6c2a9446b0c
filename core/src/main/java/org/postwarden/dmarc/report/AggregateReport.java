package org.postwarden.dmarc.report;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.postwarden.dmarc.report.DmarcEvaluation.DkimAuth;
import org.postwarden.dmarc.report.DmarcEvaluation.PolicyEvaluated;
import org.postwarden.dmarc.report.DmarcEvaluation.PublishedPolicy;
import org.postwarden.dmarc.report.DmarcEvaluation.SpfAuth;

/**
 * The content of one aggregate report (RFC 7489 §7.2.1): who reports, for which period, the policy published, and
 * one record per distinct source IP, identifiers and results, with the number of messages that had them.
 */
public record AggregateReport(Metadata metadata, PublishedPolicy policy, List<Row> rows) {

    /** report_metadata: the reporting organization, its contact address, the report id and the period. */
    public record Metadata(String orgName, String email, String reportId, Instant begin, Instant end) {
        public Metadata {
            Objects.requireNonNull(orgName, "orgName");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(reportId, "reportId");
            Objects.requireNonNull(begin, "begin");
            Objects.requireNonNull(end, "end");
        }
    }

    /** One record element: what {@code count} messages had in common. */
    public record Row(String sourceIp, String headerFrom, String envelopeFrom, PolicyEvaluated evaluated,
                      List<DkimAuth> dkim, SpfAuth spf, long count) {
    }

    private record Key(String sourceIp, String headerFrom, String envelopeFrom, PolicyEvaluated evaluated,
                       List<DkimAuth> dkim, SpfAuth spf) {
    }

    public AggregateReport {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(policy, "policy");
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("an aggregate report has at least one record");
        }
    }

    /**
     * Groups evaluations of one policy domain. The policy published is the one of the latest evaluation: a Domain
     * Owner who changed the record during the period sees the record now in force.
     */
    public static AggregateReport of(Metadata metadata, List<DmarcEvaluation> evaluations) {
        if (evaluations.isEmpty()) {
            throw new IllegalArgumentException("no evaluation to report");
        }
        Map<Key, Long> counts = new LinkedHashMap<>();
        for (DmarcEvaluation evaluation : evaluations) {
            counts.merge(new Key(evaluation.sourceIp(), evaluation.headerFrom(), evaluation.envelopeFrom(),
                evaluation.evaluated(), evaluation.dkim(), evaluation.spf()), 1L, Long::sum);
        }
        PublishedPolicy policy = evaluations.stream().max(Comparator.comparing(DmarcEvaluation::receivedAt))
            .orElseThrow().policy();
        List<Row> rows = counts.entrySet().stream()
            .map(entry -> new Row(entry.getKey().sourceIp(), entry.getKey().headerFrom(), entry.getKey().envelopeFrom(),
                entry.getKey().evaluated(), entry.getKey().dkim(), entry.getKey().spf(), entry.getValue()))
            .toList();
        return new AggregateReport(metadata, policy, rows);
    }

    public long messageCount() {
        return rows.stream().mapToLong(Row::count).sum();
    }
}
