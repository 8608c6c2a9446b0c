package org.postwarden.forward.jdbc;

import static org.postwarden.common.jdbc.Jdbc.query;
import static org.postwarden.common.jdbc.Jdbc.update;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.postwarden.common.jdbc.Jdbc;
import org.postwarden.common.jdbc.StoreFailures;
import org.postwarden.common.jdbc.Tables;
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
    private static final int MAX_ATTEMPTS = 3;

    private final Jdbc jdbc;
    private final Duration window;

    /** @throws ForwardLogException when the database is unreachable or the table cannot be created */
    public JdbcForwardLog(DataSource dataSource, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the deduplication window must be positive: " + window);
        }
        this.jdbc = new Jdbc(dataSource, StoreFailures.describing("Forward log", ForwardLogException::new));
        this.window = window;
        jdbc.withConnection("create the forward log table", connection -> {
            createIfAbsent(connection);
            return null;
        });
    }

    @Override
    public boolean record(String messageId, String target, Instant now) {
        ForwardKey key = ForwardKey.of(messageId, target);
        long expiresAt = now.plus(window).toEpochMilli();
        return jdbc.withConnection("record a forward", connection -> {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                try {
                    update(connection, "INSERT INTO " + TABLE + " (message_id, target, forwarded_at, expires_at) "
                        + "VALUES (?, ?, ?, ?)", key.messageId(), key.target(), now.toEpochMilli(), expiresAt);
                    return true;
                } catch (SQLException e) {
                    if (!Jdbc.isUniqueViolation(e)) {
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
        return jdbc.update("purge expired forwards", "DELETE FROM " + TABLE + " WHERE expires_at <= ?",
            now.toEpochMilli());
    }

    private static boolean present(Connection connection, ForwardKey key) throws SQLException {
        return !query(connection, row -> true,
            "SELECT 1 FROM " + TABLE + " WHERE message_id = ? AND target = ?", key.messageId(), key.target()).isEmpty();
    }

    /** In SQL that Derby and PostgreSQL both accept; instants are epoch milliseconds. Several nodes may run it at once. */
    private static void createIfAbsent(Connection connection) throws SQLException {
        Tables.createIfAbsent(connection, List.of(
            "CREATE TABLE " + TABLE + " ("
                + "message_id VARCHAR(" + (ForwardKey.MAX_MESSAGE_ID + 20) + ") NOT NULL, "
                + "target VARCHAR(" + ForwardKey.MAX_TARGET + ") NOT NULL, "
                + "forwarded_at BIGINT NOT NULL, "
                + "expires_at BIGINT NOT NULL, "
                + "PRIMARY KEY (message_id, target))",
            "CREATE INDEX " + TABLE + "_expires ON " + TABLE + " (expires_at)"));
    }
}
