package org.postwarden.dmarc.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/** A store for one node and tests: lost at restart. */
public final class InMemoryAggregateReportStore implements AggregateReportStore {
    private final List<DmarcEvaluation> pending = new ArrayList<>();
    private final Map<String, Report> reports = new LinkedHashMap<>();

    private static final class Report {
        final ReportBatch batch;
        Optional<Instant> takenAt = Optional.empty();
        Optional<SentReport> outcome = Optional.empty();

        Report(ReportBatch batch) {
            this.batch = batch;
        }
    }

    @Override
    public synchronized void record(DmarcEvaluation evaluation) {
        pending.add(evaluation);
    }

    @Override
    public synchronized int close(Instant end, Function<String, String> reportId) {
        Map<String, List<DmarcEvaluation>> byDomain = new LinkedHashMap<>();
        pending.stream().filter(evaluation -> evaluation.receivedAt().isBefore(end))
            .forEach(evaluation -> byDomain.computeIfAbsent(evaluation.policyDomain(), domain -> new ArrayList<>()).add(evaluation));
        byDomain.forEach((domain, evaluations) -> {
            Instant begin = evaluations.stream().map(DmarcEvaluation::receivedAt).min(Comparator.naturalOrder()).orElseThrow();
            String id = reportId.apply(domain);
            reports.put(id, new Report(new ReportBatch(id, domain, begin, end, evaluations)));
            pending.removeAll(evaluations);
        });
        return byDomain.size();
    }

    @Override
    public synchronized List<ReportBatch> takeUnsent(Instant now, Duration stale) {
        List<ReportBatch> taken = new ArrayList<>();
        for (Report report : reports.values()) {
            if (report.outcome.isEmpty() && report.takenAt.filter(at -> at.plus(stale).isAfter(now)).isEmpty()) {
                report.takenAt = Optional.of(now);
                taken.add(report.batch);
            }
        }
        return taken;
    }

    @Override
    public synchronized void markSent(String reportId, Instant sentAt, List<String> destinations) {
        finish(reportId, sentAt, destinations, Optional.empty());
    }

    @Override
    public synchronized void markUndeliverable(String reportId, Instant at, String reason) {
        finish(reportId, at, List.of(), Optional.of(reason));
    }

    @Override
    public synchronized void release(String reportId) {
        Optional.ofNullable(reports.get(reportId)).ifPresent(report -> report.takenAt = Optional.empty());
    }

    @Override
    public synchronized List<DomainReporting> domains() {
        TreeSet<String> domains = new TreeSet<>();
        pending.forEach(evaluation -> domains.add(evaluation.policyDomain()));
        reports.values().forEach(report -> domains.add(report.batch.policyDomain()));
        List<DomainReporting> views = new ArrayList<>();
        List<DmarcEvaluation> unreported = new ArrayList<>(pending);
        reports.values().stream().filter(report -> report.outcome.isEmpty())
            .forEach(report -> unreported.addAll(report.batch.evaluations()));
        for (String domain : domains) {
            List<Instant> times = unreported.stream().filter(evaluation -> evaluation.policyDomain().equals(domain))
                .map(DmarcEvaluation::receivedAt).sorted().toList();
            Optional<SentReport> last = reports.values().stream()
                .filter(report -> report.batch.policyDomain().equals(domain))
                .flatMap(report -> report.outcome.stream())
                .max(Comparator.comparing(SentReport::sentAt));
            views.add(new DomainReporting(domain, times.size(), times.stream().findFirst(),
                times.isEmpty() ? Optional.empty() : Optional.of(times.get(times.size() - 1)), last));
        }
        return views;
    }

    private void finish(String reportId, Instant at, List<String> destinations, Optional<String> problem) {
        Report report = reports.get(reportId);
        if (report == null) {
            throw new IllegalArgumentException("no report " + reportId);
        }
        ReportBatch batch = report.batch;
        report.outcome = Optional.of(new SentReport(reportId, batch.begin(), batch.end(), batch.evaluations().size(),
            destinations, at, problem));
    }
}
