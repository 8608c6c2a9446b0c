package org.postwarden.dmarc.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.postwarden.dmarc.report.AggregateReportStore.ReportBatch;
import org.postwarden.dmarc.report.ReportDestinations.Destinations;

/**
 * The reporting run (RFC 7489 §7.2): closes the pending evaluations of each policy domain into a report, then sends
 * every unsent report, this run's and those an earlier run could not finish, to the verified rua= destinations.
 * A report is marked sent only once its mail is queued; one that cannot be queued, or whose destinations could not
 * be verified for a DNS failure, waits for the next run; one with no acceptable destination is kept as undeliverable.
 */
public final class AggregateReporter {
    /** A node that took a report and did not finish it within this time is assumed gone. */
    static final Duration STALE = Duration.ofHours(1);

    private final AggregateReportStore store;
    private final ReportDestinations destinations;
    private final ReportSender sender;
    private final Supplier<Reporter> reporter;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * Who reports; asked at each run, so that a default taken from the server's domains is read once they are known.
     *
     * @param orgName report_metadata/org_name
     * @param address the From and report_metadata/email address
     */
    public record Reporter(String orgName, String address) {
        public Reporter {
            if (address.lastIndexOf('@') <= 0 || address.endsWith("@")) {
                throw new IllegalArgumentException("the DMARC reporter address must be a mailbox, got \"" + address + "\"");
            }
            if (orgName.isBlank()) {
                throw new IllegalArgumentException("the DMARC reporting organization name must not be blank");
            }
        }

        /** The receiver domain of the subject and file name: the reporter address's domain. */
        public String domain() {
            return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        }
    }

    /** What a run did, for logs and webadmin: report ids with where they went or why they did not. */
    public record RunSummary(int reportsClosed, List<String> sent, List<String> undeliverable, List<String> retrying) {
        public RunSummary {
            sent = List.copyOf(sent);
            undeliverable = List.copyOf(undeliverable);
            retrying = List.copyOf(retrying);
        }
    }

    public AggregateReporter(AggregateReportStore store, ReportDestinations destinations, ReportSender sender,
                             Supplier<Reporter> reporter, Clock clock, RandomGenerator random) {
        this.store = store;
        this.destinations = destinations;
        this.sender = sender;
        this.reporter = reporter;
        this.clock = clock;
        this.random = random;
    }

    /** Synchronized: one run at a time on this node; other nodes are kept out by the store. */
    public synchronized RunSummary run() {
        Reporter reporter = this.reporter.get();
        Instant now = clock.instant();
        int closed = store.close(now, domain -> reportId(domain, reporter));
        List<String> sent = new ArrayList<>();
        List<String> undeliverable = new ArrayList<>();
        List<String> retrying = new ArrayList<>();
        for (ReportBatch batch : store.takeUnsent(now, STALE)) {
            try {
                send(batch, reporter, sent, undeliverable, retrying);
            } catch (RuntimeException e) {
                store.release(batch.reportId());
                retrying.add(batch.reportId() + " (" + e.getMessage() + ")");
            }
        }
        return new RunSummary(closed, sent, undeliverable, retrying);
    }

    private void send(ReportBatch batch, Reporter reporter, List<String> sent, List<String> undeliverable, List<String> retrying) {
        if (batch.evaluations().isEmpty()) {
            store.markUndeliverable(batch.reportId(), clock.instant(), "no evaluation left to report");
            undeliverable.add(batch.reportId() + " (no evaluation left to report)");
            return;
        }
        AggregateReport report = AggregateReport.of(new AggregateReport.Metadata(reporter.orgName(), reporter.address(),
            batch.reportId(), batch.begin(), batch.end()), batch.evaluations());
        DmarcEvaluation latest = batch.evaluations().get(batch.evaluations().size() - 1);
        long size = AggregateReportMail.build(report, reporter.domain(), reporter.address(), List.of(), clock.instant()).length;
        Destinations verified = destinations.verify(batch.policyDomain(), latest.reportTo(), size);
        if (verified.addresses().isEmpty()) {
            String reasons = String.join("; ", verified.refused());
            if (verified.retryLater()) {
                store.release(batch.reportId());
                retrying.add(batch.reportId() + " (" + reasons + ")");
                return;
            }
            store.markUndeliverable(batch.reportId(), clock.instant(), reasons);
            undeliverable.add(batch.reportId() + " (" + reasons + ")");
            return;
        }
        Instant sentAt = clock.instant();
        byte[] message = AggregateReportMail.build(report, reporter.domain(), reporter.address(), verified.addresses(), sentAt);
        try {
            sender.send(reporter.address(), verified.addresses(), message);
        } catch (Exception e) {
            store.release(batch.reportId());
            retrying.add(batch.reportId() + " (cannot queue the report mail: " + e.getMessage() + ")");
            return;
        }
        store.markSent(batch.reportId(), sentAt, verified.addresses());
        sent.add(batch.reportId() + " to " + String.join(", ", verified.addresses()));
    }

    /** Unique, and a valid msg-id right-hand side, so that it doubles as the Message-ID. */
    private String reportId(String policyDomain, Reporter reporter) {
        byte[] nonce = new byte[6];
        random.nextBytes(nonce);
        return clock.instant().getEpochSecond() + "." + HexFormat.of().formatHex(nonce) + "." + policyDomain + "@"
            + reporter.domain();
    }
}
