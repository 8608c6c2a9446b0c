package org.postwarden.reputation.jdbc;

import static org.postwarden.common.jdbc.Jdbc.update;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.postwarden.common.jdbc.Jdbc;
import org.postwarden.common.jdbc.StoreFailures;
import org.postwarden.common.jdbc.Tables;
import org.postwarden.reputation.Outcome;
import org.postwarden.reputation.ReputationCounts;
import org.postwarden.reputation.ReputationStore;
import org.postwarden.reputation.ReputationStoreException;

/**
 * Counts in {@code postwarden_reputation}, one row per account, bucket and outcome, in SQL that embedded Derby and
 * PostgreSQL both accept; buckets are epoch milliseconds. Nodes sharing the database share the counts.
 */
public final class JdbcReputationStore implements ReputationStore {
    static final String TABLE = "postwarden_reputation";
    private static final int MAX_ATTEMPTS = 5;
    private final Jdbc jdbc;

    /** @throws ReputationStoreException when the database is unreachable or the table cannot be created */
    public JdbcReputationStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, StoreFailures.describing("Reputation", ReputationStoreException::new));
        jdbc.withConnection("create the reputation table", connection -> {
            Tables.createIfAbsent(connection, List.of("CREATE TABLE " + TABLE + " ("
                    + "account VARCHAR(320) NOT NULL, "
                    + "bucket BIGINT NOT NULL, "
                    + "outcome VARCHAR(16) NOT NULL, "
                    + "units BIGINT NOT NULL, "
                    + "PRIMARY KEY (account, bucket, outcome))",
                "CREATE INDEX " + TABLE + "_bucket ON " + TABLE + " (bucket)"));
            return null;
        });
    }

    @Override
    public void add(String account, Outcome outcome, long units, Instant bucket) {
        // Update first; the insert of a row that does not exist yet may race another node's, then update again.
        jdbc.withConnection("count " + outcome.label() + " mail of '" + account + "'", connection -> {
            for (int attempt = 1; ; attempt++) {
                if (update(connection, "UPDATE " + TABLE + " SET units = units + ? "
                    + "WHERE account = ? AND bucket = ? AND outcome = ?", units, account, bucket.toEpochMilli(),
                    outcome.label()) > 0) {
                    return null;
                }
                try {
                    update(connection, "INSERT INTO " + TABLE + " (account, bucket, outcome, units) VALUES (?, ?, ?, ?)",
                        account, bucket.toEpochMilli(), outcome.label(), units);
                    return null;
                } catch (SQLException e) {
                    if (!Jdbc.isUniqueViolation(e) || attempt >= MAX_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        });
    }

    @Override
    public ReputationCounts counts(String account, Instant from) {
        return sum("read the counts of '" + account + "'", "SELECT account, outcome, SUM(units) FROM " + TABLE
            + " WHERE account = ? AND bucket >= ? GROUP BY account, outcome", account, from.toEpochMilli())
            .getOrDefault(account, ReputationCounts.NONE);
    }

    @Override
    public ReputationCounts serverWide(Instant from) {
        return sum("read the server-wide counts", "SELECT account, outcome, SUM(units) FROM " + TABLE
            + " WHERE bucket >= ? GROUP BY account, outcome", from.toEpochMilli())
            .values().stream().reduce(ReputationCounts.NONE, ReputationCounts::plus);
    }

    @Override
    public Map<String, ReputationCounts> accounts(Instant from) {
        Map<String, ReputationCounts> accounts = sum("read the counts of every account", "SELECT account, outcome, "
            + "SUM(units) FROM " + TABLE + " WHERE bucket >= ? GROUP BY account, outcome", from.toEpochMilli());
        accounts.remove(UNATTRIBUTED);
        return accounts;
    }

    @Override
    public int purgeBefore(Instant before) {
        return jdbc.update("purge old counts", "DELETE FROM " + TABLE + " WHERE bucket < ?", before.toEpochMilli());
    }

    private Map<String, ReputationCounts> sum(String action, String sql, Object... parameters) {
        Map<String, ReputationCounts> counts = new HashMap<>();
        jdbc.query(action, row -> Map.entry(row.getString(1),
                ReputationCounts.NONE.plus(outcome(row.getString(2), action), row.getLong(3))), sql, parameters)
            .forEach(count -> counts.merge(count.getKey(), count.getValue(), ReputationCounts::plus));
        return counts;
    }

    private static Outcome outcome(String label, String action) {
        try {
            return Outcome.valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ReputationStoreException("Unreadable outcome in " + TABLE + " while trying to " + action, e);
        }
    }
}
