package org.postwarden.reputation.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
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
    /** Derby's "already exists", PostgreSQL's duplicate_table, and the unique violation of a concurrent creation. */
    private static final Set<String> ALREADY_EXISTS = Set.of("X0Y32", "42P07", "23505");
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_ATTEMPTS = 5;

    private final DataSource dataSource;

    /** @throws ReputationStoreException when the database is unreachable or the table cannot be created */
    public JdbcReputationStore(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection()) {
            createIfAbsent(connection, "CREATE TABLE " + TABLE + " ("
                + "account VARCHAR(320) NOT NULL, "
                + "bucket BIGINT NOT NULL, "
                + "outcome VARCHAR(16) NOT NULL, "
                + "units BIGINT NOT NULL, "
                + "PRIMARY KEY (account, bucket, outcome))");
            createIfAbsent(connection, "CREATE INDEX " + TABLE + "_bucket ON " + TABLE + " (bucket)");
        } catch (SQLException e) {
            throw failure("create the reputation table", e);
        }
    }

    @Override
    public void add(String account, Outcome outcome, long units, Instant bucket) {
        // Update first; the insert of a row that does not exist yet may race another node's, then update again.
        try (Connection connection = dataSource.getConnection()) {
            for (int attempt = 1; ; attempt++) {
                if (update(connection, "UPDATE " + TABLE + " SET units = units + ? "
                    + "WHERE account = ? AND bucket = ? AND outcome = ?", units, account, bucket.toEpochMilli(),
                    outcome.label()) > 0) {
                    return;
                }
                try {
                    update(connection, "INSERT INTO " + TABLE + " (account, bucket, outcome, units) VALUES (?, ?, ?, ?)",
                        account, bucket.toEpochMilli(), outcome.label(), units);
                    return;
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt >= MAX_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("count " + outcome.label() + " mail of '" + account + "'", e);
        }
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
        try (Connection connection = dataSource.getConnection()) {
            return update(connection, "DELETE FROM " + TABLE + " WHERE bucket < ?", before.toEpochMilli());
        } catch (SQLException e) {
            throw failure("purge old counts", e);
        }
    }

    private Map<String, ReputationCounts> sum(String action, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            Map<String, ReputationCounts> counts = new HashMap<>();
            while (rows.next()) {
                Outcome outcome = Outcome.valueOf(rows.getString(2).toUpperCase(java.util.Locale.ROOT));
                counts.merge(rows.getString(1), ReputationCounts.NONE.plus(outcome, rows.getLong(3)),
                    ReputationCounts::plus);
            }
            return counts;
        } catch (SQLException e) {
            throw failure(action, e);
        } catch (IllegalArgumentException e) {
            throw new ReputationStoreException("Unreadable outcome in " + TABLE + " while trying to " + action, e);
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
        throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static void createIfAbsent(Connection connection, String ddl) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        } catch (SQLException e) {
            if (!ALREADY_EXISTS.contains(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static ReputationStoreException failure(String action, SQLException e) {
        return new ReputationStoreException("Reputation database failed to " + action + " (SQLState "
            + e.getSQLState() + "): " + e.getMessage(), e);
    }
}
