package org.postwarden.forward.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javax.sql.DataSource;
import org.postwarden.forward.ForwardKey;
import org.postwarden.forward.ForwardLog;
import org.postwarden.forward.ForwardLogException;

/**
 * A log in {@code postwarden_forward_log}, shared by the nodes, for embedded Derby and PostgreSQL alike: the primary
 * key on (message_id, target) makes the first INSERT win; a pair whose window ended is replaced by an UPDATE that
 * only matches while the row is still expired, so that of concurrent replacements one only succeeds. Creates the
 * table when absent. Expired rows stay until {@link #purgeExpired} (run it periodically).
 */
public final class JdbcForwardLog implements ForwardLog {
    static final String TABLE = "postwarden_forward_log";
    private static final String UNIQUE_VIOLATION = "23505";
    /** Derby's "already exists", PostgreSQL's duplicate_table, and the unique violation of a concurrent creation. */
    private static final Set<String> ALREADY_EXISTS = Set.of("X0Y32", "42P07", UNIQUE_VIOLATION);
    private static final int MAX_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final Duration window;

    /** @throws ForwardLogException when the database is unreachable or the table cannot be created */
    public JdbcForwardLog(DataSource dataSource, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the deduplication window must be positive: " + window);
        }
        this.dataSource = dataSource;
        this.window = window;
        withConnection("create the forward log table", connection -> {
            createIfAbsent(connection);
            return null;
        });
    }

    @Override
    public boolean record(String messageId, String target, Instant now) {
        ForwardKey key = ForwardKey.of(messageId, target);
        long expiresAt = now.plus(window).toEpochMilli();
        return withConnection("record a forward", connection -> {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                try {
                    update(connection, "INSERT INTO " + TABLE + " (message_id, target, forwarded_at, expires_at) "
                        + "VALUES (?, ?, ?, ?)", key.messageId(), key.target(), now.toEpochMilli(), expiresAt);
                    return true;
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                }
                if (update(connection, "UPDATE " + TABLE + " SET forwarded_at = ?, expires_at = ? "
                        + "WHERE message_id = ? AND target = ? AND expires_at <= ?",
                    now.toEpochMilli(), expiresAt, key.messageId(), key.target(), now.toEpochMilli()) == 1) {
                    return true;
                }
                if (present(connection, key)) {
                    return false;
                }
                // Purged between our INSERT and UPDATE: insert again.
            }
            throw new ForwardLogException("Forward of " + key + " kept conflicting", null);
        });
    }

    @Override
    public long purgeExpired(Instant now) {
        return withConnection("purge expired forwards", connection ->
            (long) update(connection, "DELETE FROM " + TABLE + " WHERE expires_at <= ?", now.toEpochMilli()));
    }

    private static boolean present(Connection connection, ForwardKey key) throws SQLException {
        try (PreparedStatement statement = prepare(connection,
                 "SELECT 1 FROM " + TABLE + " WHERE message_id = ? AND target = ?", key.messageId(), key.target());
             ResultSet row = statement.executeQuery()) {
            return row.next();
        }
    }

    /** In SQL that Derby and PostgreSQL both accept; instants are epoch milliseconds. Several nodes may run it at once. */
    private static void createIfAbsent(Connection connection) throws SQLException {
        for (String ddl : new String[] {
            "CREATE TABLE " + TABLE + " ("
                + "message_id VARCHAR(" + (ForwardKey.MAX_MESSAGE_ID + 20) + ") NOT NULL, "
                + "target VARCHAR(" + ForwardKey.MAX_TARGET + ") NOT NULL, "
                + "forwarded_at BIGINT NOT NULL, "
                + "expires_at BIGINT NOT NULL, "
                + "PRIMARY KEY (message_id, target))",
            "CREATE INDEX " + TABLE + "_expires ON " + TABLE + " (expires_at)"}) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(ddl);
            } catch (SQLException e) {
                if (!ALREADY_EXISTS.contains(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(String action, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new ForwardLogException("Forward log database failed to " + action + " (SQLState "
                + e.getSQLState() + "): " + e.getMessage(), e);
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
}
