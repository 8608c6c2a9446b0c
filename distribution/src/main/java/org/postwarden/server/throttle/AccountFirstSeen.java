package org.postwarden.server.throttle;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postwarden.common.jdbc.Jdbc;
import org.postwarden.common.jdbc.Tables;
import org.postwarden.throttle.AccountAges;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.webadmin.throttle.AccountCreationDates;

/**
 * When each account first sent through this server, standing for its creation date (James 3.8.1 has none) in the
 * new account tier. Kept in {@code postwarden_throttle_first_seen} of the database when there is one, in memory
 * otherwise; a first-seen date never changes, so every answer is cached.
 */
final class AccountFirstSeen implements AccountAges, AccountCreationDates {
    static final String TABLE = "postwarden_throttle_first_seen";
    private static final List<String> TABLES = List.of("CREATE TABLE " + TABLE
        + " (username VARCHAR(320) NOT NULL PRIMARY KEY, first_seen BIGINT NOT NULL)");

    private final Optional<Jdbc> database;
    private final Map<String, Instant> cache = new ConcurrentHashMap<>();
    private volatile boolean schemaReady;

    private AccountFirstSeen(Optional<Jdbc> database) {
        this.database = database;
    }

    static AccountFirstSeen inMemory() {
        return new AccountFirstSeen(Optional.empty());
    }

    static AccountFirstSeen jdbc(DataSource dataSource) {
        return new AccountFirstSeen(Optional.of(new Jdbc(dataSource,
            (action, e) -> new ThrottleStoreException("cannot " + action + ": " + e.getMessage(), e))));
    }

    @Override
    public Instant firstSeen(String user, Instant now) {
        Instant cached = cache.get(user);
        if (cached != null) {
            return cached;
        }
        if (database.isEmpty()) {
            return cache.computeIfAbsent(user, any -> now);
        }
        Instant stored = read(user).orElseGet(() -> insert(user, now));
        cache.put(user, stored);
        return stored;
    }

    @Override
    public Optional<Instant> created(String user) {
        Instant cached = cache.get(user);
        if (cached != null || database.isEmpty()) {
            return Optional.ofNullable(cached);
        }
        Optional<Instant> stored = read(user);
        stored.ifPresent(instant -> cache.put(user, instant));
        return stored;
    }

    private Optional<Instant> read(String user) {
        return database.orElseThrow().withConnection("read when " + user + " was first seen", connection -> {
            createTableOnce(connection);
            return Jdbc.query(connection, row -> Instant.ofEpochMilli(row.getLong(1)),
                "SELECT first_seen FROM " + TABLE + " WHERE username = ?", user).stream().findFirst();
        });
    }

    /** Records {@code now}, or answers what a concurrent first call (maybe on another node) recorded. */
    private Instant insert(String user, Instant now) {
        boolean recorded = database.orElseThrow().withConnection("record when " + user + " was first seen",
            connection -> {
                createTableOnce(connection);
                try {
                    Jdbc.update(connection, "INSERT INTO " + TABLE + " (username, first_seen) VALUES (?, ?)",
                        user, now.toEpochMilli());
                    return true;
                } catch (SQLException e) {
                    if (Jdbc.isUniqueViolation(e)) {
                        return false;
                    }
                    throw e;
                }
            });
        return recorded ? now : read(user).orElse(now);
    }

    private void createTableOnce(Connection connection) throws SQLException {
        if (!schemaReady) {
            Tables.createIfAbsent(connection, TABLES);
            schemaReady = true;
        }
    }
}
