package org.postwarden.throttle.jdbc;

import static org.postwarden.throttle.jdbc.ThrottleSchema.AUDIT;
import static org.postwarden.throttle.jdbc.ThrottleSchema.SUSPENSIONS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.postwarden.common.jdbc.Jdbc;
import org.postwarden.throttle.SuspensionEvent;
import org.postwarden.throttle.SuspensionStore;
import org.postwarden.throttle.ThrottleKey;
import org.postwarden.throttle.ThrottleStoreException;

/**
 * Suspensions in force in {@code postwarden_throttle_suspensions}, one row per account so that concurrent
 * suspensions collide on its primary key, and the audit log in {@code postwarden_throttle_audit}. Counters are
 * stored as a JSON object.
 */
public final class JdbcSuspensionStore implements SuspensionStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT_COLUMNS = "username, action, reason, counters, at_millis";

    private final Jdbc sql;

    /** @throws ThrottleStoreException when the database is unreachable or the tables cannot be created */
    public JdbcSuspensionStore(DataSource dataSource) {
        this.sql = ThrottleSql.open(dataSource);
    }

    @Override
    public Optional<SuspensionEvent> suspend(ThrottleKey user, String reason, Map<String, Long> counters,
                                             Instant now) {
        SuspensionEvent event = new SuspensionEvent(user.userName(), SuspensionEvent.Action.SUSPENDED, reason,
            counters, now);
        // A concurrent suspension makes the INSERT fail on the primary key; the retry then finds its row.
        return sql.inTransaction("suspend an account", ThrottleSql.LOST_RACE, connection -> {
            if (!Jdbc.query(connection, row -> true, "SELECT username FROM " + SUSPENSIONS
                + " WHERE username = ?", event.user()).isEmpty()) {
                return Optional.empty();
            }
            Jdbc.update(connection, "INSERT INTO " + SUSPENSIONS
                    + " (username, reason, counters, suspended_at) VALUES (?, ?, ?, ?)",
                event.user(), reason, toJson(event.counters()), now.toEpochMilli());
            log(connection, event);
            return Optional.of(event);
        });
    }

    @Override
    public Optional<SuspensionEvent> suspension(ThrottleKey user) {
        return sql.query("read a suspension", JdbcSuspensionStore::suspensionRow,
            "SELECT username, reason, counters, suspended_at FROM " + SUSPENSIONS + " WHERE username = ?",
            user.userName()).stream().findFirst();
    }

    @Override
    public Optional<SuspensionEvent> unsuspend(ThrottleKey user, String reason, Instant now) {
        SuspensionEvent event = new SuspensionEvent(user.userName(), SuspensionEvent.Action.UNSUSPENDED, reason,
            Map.of(), now);
        return sql.inTransaction("unsuspend an account", ThrottleSql.LOST_RACE, connection -> {
            if (Jdbc.update(connection, "DELETE FROM " + SUSPENSIONS + " WHERE username = ?",
                event.user()) == 0) {
                return Optional.empty();
            }
            log(connection, event);
            return Optional.of(event);
        });
    }

    @Override
    public List<SuspensionEvent> suspensions() {
        return sql.query("list suspensions", JdbcSuspensionStore::suspensionRow,
            "SELECT username, reason, counters, suspended_at FROM " + SUSPENSIONS
                + " ORDER BY suspended_at, username");
    }

    @Override
    public List<SuspensionEvent> history(ThrottleKey user) {
        return sql.query("read the suspension log", row -> new SuspensionEvent(row.getString("username"),
                SuspensionEvent.Action.valueOf(row.getString("action")), row.getString("reason"),
                fromJson(row.getString("counters")), Instant.ofEpochMilli(row.getLong("at_millis"))),
            "SELECT " + EVENT_COLUMNS + " FROM " + AUDIT + " WHERE username = ? ORDER BY id", user.userName());
    }

    private static void log(Connection connection, SuspensionEvent event) throws SQLException {
        Jdbc.update(connection, "INSERT INTO " + AUDIT + " (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
            event.user(), event.action().name(), event.reason(), toJson(event.counters()), event.at().toEpochMilli());
    }

    private static SuspensionEvent suspensionRow(ResultSet row) throws SQLException {
        return new SuspensionEvent(row.getString("username"), SuspensionEvent.Action.SUSPENDED,
            row.getString("reason"), fromJson(row.getString("counters")),
            Instant.ofEpochMilli(row.getLong("suspended_at")));
    }

    private static String toJson(Map<String, Long> counters) {
        try {
            return JSON.writeValueAsString(counters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers always serialises", e);
        }
    }

    private static Map<String, Long> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Long>>() { });
        } catch (JsonProcessingException e) {
            throw new ThrottleStoreException("Corrupt suspension counters in the database: " + json, e);
        }
    }
}
