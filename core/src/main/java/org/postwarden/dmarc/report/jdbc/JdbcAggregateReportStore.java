package org.postwarden.dmarc.report.jdbc;

import static org.postwarden.common.jdbc.Jdbc.prepare;
import static org.postwarden.common.jdbc.Jdbc.query;
import static org.postwarden.common.jdbc.Jdbc.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postwarden.common.jdbc.Jdbc;
import org.postwarden.common.jdbc.StoreFailures;
import org.postwarden.common.jdbc.Tables;
import org.postwarden.dmarc.report.AggregateReportStore;
import org.postwarden.dmarc.report.AggregateReportStoreException;
import org.postwarden.dmarc.report.DmarcEvaluation;

/**
 * The store in the shared database, for embedded Derby and PostgreSQL alike. Evaluations wait in
 * {@code postwarden_dmarc_evaluations} until a report (row of {@code postwarden_dmarc_reports}) takes them; a report
 * is taken for sending by a conditional UPDATE that one node only wins; the evaluations of a sent report are deleted,
 * the report row stays as the record of what was sent. Creates the tables when absent.
 */
public final class JdbcAggregateReportStore implements AggregateReportStore {
    static final String EVALUATIONS = "postwarden_dmarc_evaluations";
    static final String REPORTS = "postwarden_dmarc_reports";
    private static final String UNSENT = "UNSENT";
    private static final String SENT = "SENT";
    private static final String UNDELIVERABLE = "UNDELIVERABLE";
    private static final int MAX_DETAILS = 30000;
    /** In SQL that Derby and PostgreSQL both accept; instants are epoch milliseconds. */
    private static final List<String> TABLES = List.of(
        "CREATE TABLE " + EVALUATIONS + " ("
            + "id VARCHAR(36) NOT NULL PRIMARY KEY, "
            + "policy_domain VARCHAR(255) NOT NULL, "
            + "received_at BIGINT NOT NULL, "
            + "report_id VARCHAR(320), "
            + "details VARCHAR(" + MAX_DETAILS + ") NOT NULL)",
        "CREATE INDEX " + EVALUATIONS + "_report ON " + EVALUATIONS + " (report_id, policy_domain)",
        "CREATE TABLE " + REPORTS + " ("
            + "report_id VARCHAR(320) NOT NULL PRIMARY KEY, "
            + "policy_domain VARCHAR(255) NOT NULL, "
            + "begin_at BIGINT NOT NULL, "
            + "end_at BIGINT NOT NULL, "
            + "evaluations BIGINT NOT NULL, "
            + "state VARCHAR(16) NOT NULL, "
            + "taken_at BIGINT, "
            + "finished_at BIGINT, "
            + "destinations VARCHAR(4000), "
            + "problem VARCHAR(1000))");

    private final Jdbc jdbc;

    /** @throws AggregateReportStoreException when the database is unreachable or the tables cannot be created */
    public JdbcAggregateReportStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, StoreFailures.describing("DMARC report", AggregateReportStoreException::new));
        jdbc.withConnection("create the DMARC report tables", connection -> {
            Tables.createIfAbsent(connection, TABLES);
            return null;
        });
    }

    @Override
    public void record(DmarcEvaluation evaluation) {
        String details = EvaluationJson.write(evaluation);
        if (details.length() > MAX_DETAILS) {
            throw new AggregateReportStoreException("DMARC evaluation of " + evaluation.headerFrom() + " too large to store ("
                + details.length() + " characters)", null);
        }
        jdbc.update("record a DMARC evaluation", "INSERT INTO " + EVALUATIONS
                + " (id, policy_domain, received_at, details) VALUES (?, ?, ?, ?)",
            UUID.randomUUID().toString(), evaluation.policyDomain(), evaluation.receivedAt().toEpochMilli(), details);
    }

    @Override
    public int close(Instant end, Function<String, String> reportId) {
        List<String> domains = jdbc.query("list the pending DMARC evaluations", row -> row.getString(1),
            "SELECT DISTINCT policy_domain FROM " + EVALUATIONS + " WHERE report_id IS NULL AND received_at < ?",
            end.toEpochMilli());
        int made = 0;
        for (String domain : domains) {
            String id = reportId.apply(domain);
            boolean madeOne = jdbc.inTransaction("close a DMARC report", connection -> {
                int taken = update(connection, "UPDATE " + EVALUATIONS + " SET report_id = ? "
                    + "WHERE policy_domain = ? AND report_id IS NULL AND received_at < ?", id, domain, end.toEpochMilli());
                if (taken == 0) {
                    return false; // another node closed them first
                }
                long begin = query(connection, row -> row.getLong(1),
                    "SELECT MIN(received_at) FROM " + EVALUATIONS + " WHERE report_id = ?", id).get(0);
                update(connection, "INSERT INTO " + REPORTS + " (report_id, policy_domain, begin_at, end_at, evaluations, "
                    + "state) VALUES (?, ?, ?, ?, ?, ?)", id, domain, begin, end.toEpochMilli(), (long) taken, UNSENT);
                return true;
            });
            made += madeOne ? 1 : 0;
        }
        return made;
    }

    @Override
    public List<ReportBatch> takeUnsent(Instant now, Duration stale) {
        long staleBefore = now.minus(stale).toEpochMilli();
        List<String> candidates = jdbc.query("list the unsent DMARC reports", row -> row.getString(1),
            "SELECT report_id FROM " + REPORTS + " WHERE state = ? AND (taken_at IS NULL OR taken_at <= ?) ORDER BY end_at",
            UNSENT, staleBefore);
        List<ReportBatch> taken = new ArrayList<>();
        for (String id : candidates) {
            jdbc.withConnection("take an unsent DMARC report", connection -> {
                if (update(connection, "UPDATE " + REPORTS + " SET taken_at = ? WHERE report_id = ? AND state = ? "
                    + "AND (taken_at IS NULL OR taken_at <= ?)", now.toEpochMilli(), id, UNSENT, staleBefore) == 1) {
                    taken.add(batch(connection, id));
                }
                return null;
            });
        }
        return taken;
    }

    @Override
    public void markSent(String reportId, Instant sentAt, List<String> destinations) {
        finish(reportId, SENT, sentAt, String.join(",", destinations), null);
    }

    @Override
    public void markUndeliverable(String reportId, Instant at, String reason) {
        finish(reportId, UNDELIVERABLE, at, "", reason.length() > 1000 ? reason.substring(0, 1000) : reason);
    }

    @Override
    public void release(String reportId) {
        jdbc.update("release a DMARC report",
            "UPDATE " + REPORTS + " SET taken_at = NULL WHERE report_id = ? AND state = ?", reportId, UNSENT);
    }

    @Override
    public List<DomainReporting> domains() {
        return jdbc.withConnection("list the DMARC reporting domains", connection -> {
            Map<String, DomainReporting> domains = new LinkedHashMap<>();
            try (PreparedStatement statement = prepare(connection, "SELECT policy_domain, COUNT(*), MIN(received_at), "
                     + "MAX(received_at) FROM " + EVALUATIONS + " GROUP BY policy_domain");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    domains.put(rows.getString(1), new DomainReporting(rows.getString(1), rows.getLong(2),
                        Optional.of(Instant.ofEpochMilli(rows.getLong(3))), Optional.of(Instant.ofEpochMilli(rows.getLong(4))),
                        Optional.empty()));
                }
            }
            try (PreparedStatement statement = prepare(connection, "SELECT report_id, policy_domain, begin_at, end_at, "
                     + "evaluations, destinations, finished_at, problem FROM " + REPORTS
                     + " WHERE state <> ? ORDER BY finished_at", UNSENT);
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String domain = rows.getString("policy_domain");
                    String destinations = rows.getString("destinations");
                    SentReport report = new SentReport(rows.getString("report_id"),
                        Instant.ofEpochMilli(rows.getLong("begin_at")), Instant.ofEpochMilli(rows.getLong("end_at")),
                        rows.getLong("evaluations"),
                        destinations == null || destinations.isEmpty() ? List.of() : Arrays.asList(destinations.split(",")),
                        Instant.ofEpochMilli(rows.getLong("finished_at")), Optional.ofNullable(rows.getString("problem")));
                    DomainReporting known = domains.getOrDefault(domain,
                        new DomainReporting(domain, 0, Optional.empty(), Optional.empty(), Optional.empty()));
                    domains.put(domain, new DomainReporting(domain, known.pendingEvaluations(), known.pendingSince(),
                        known.pendingUntil(), Optional.of(report)));
                }
            }
            return domains.values().stream().sorted(Comparator.comparing(DomainReporting::policyDomain)).toList();
        });
    }

    private void finish(String reportId, String state, Instant at, String destinations, String problem) {
        jdbc.inTransaction("finish a DMARC report", connection -> {
            if (update(connection, "UPDATE " + REPORTS + " SET state = ?, finished_at = ?, destinations = ?, problem = ? "
                + "WHERE report_id = ? AND state = ?", state, at.toEpochMilli(), destinations, problem, reportId, UNSENT) == 0) {
                throw new AggregateReportStoreException("No unsent DMARC report " + reportId, null);
            }
            return update(connection, "DELETE FROM " + EVALUATIONS + " WHERE report_id = ?", reportId);
        });
    }

    private static ReportBatch batch(Connection connection, String id) throws SQLException {
        String domain;
        Instant begin;
        Instant end;
        try (PreparedStatement statement = prepare(connection,
                 "SELECT policy_domain, begin_at, end_at FROM " + REPORTS + " WHERE report_id = ?", id);
             ResultSet row = statement.executeQuery()) {
            row.next();
            domain = row.getString(1);
            begin = Instant.ofEpochMilli(row.getLong(2));
            end = Instant.ofEpochMilli(row.getLong(3));
        }
        List<DmarcEvaluation> evaluations = query(connection, row -> EvaluationJson.read(row.getString(1)),
            "SELECT details FROM " + EVALUATIONS + " WHERE report_id = ? ORDER BY received_at", id);
        return new ReportBatch(id, domain, begin, end, evaluations);
    }
}
