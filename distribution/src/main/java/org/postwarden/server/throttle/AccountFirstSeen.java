package org.postwarden.server.throttle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postwarden.smtp.throttle.AccountAges;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.webadmin.throttle.AccountCreationDates;

/**
 * When each account first sent through this server, standing for its creation date (James 3.8.1 has none) in the
 * new account tier. Kept in {@code postwarden_throttle_first_seen} of the database when there is one, in memory
 * otherwise; a first-seen date never changes, so every answer is cached.
 */
final class AccountFirstSeen implements AccountAges, AccountCreationDates {
    static final String TABLE = "postwarden_throttle_first_seen";
    /** Derby's "already exists", PostgreSQL's duplicate_table, and unique violations. */
    private static final Set<String> ALREADY_EXISTS = Set.of("X0Y32", "42P07", "23505");

    private final Optional<DataSource> dataSource;
    private final Map<String, Instant> cache = new ConcurrentHashMap<>();
    private volatile boolean schemaReady;

    private AccountFirstSeen(Optional<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    static AccountFirstSeen inMemory() {
        return new AccountFirstSeen(Optional.empty());
    }

    static AccountFirstSeen jdbc(DataSource dataSource) {
        return new AccountFirstSeen(Optional.of(dataSource));
    }

    @Override
    public Instant firstSeen(String user, Instant now) {
        Instant cached = cache.get(user);
        if (cached != null) {
            return cached;
        }
        if (dataSource.isEmpty()) {
            return cache.computeIfAbsent(user, any -> now);
        }
        Instant stored = read(user).orElseGet(() -> insert(user, now));
        cache.put(user, stored);
        return stored;
    }

    @Override
    public Optional<Instant> created(String user) {
        Instant cached = cache.get(user);
        if (cached != null || dataSource.isEmpty()) {
            return Optional.ofNullable(cached);
        }
        Optional<Instant> stored = read(user);
        stored.ifPresent(instant -> cache.put(user, instant));
        return stored;
    }

    private Optional<Instant> read(String user) {
        try (Connection connection = connection();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT first_seen FROM " + TABLE + " WHERE username = ?")) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(Instant.ofEpochMilli(row.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new ThrottleStoreException("cannot read when " + user + " was first seen: " + e.getMessage(), e);
        }
    }

    /** Records {@code now}, or answers what a concurrent first call (maybe on another node) recorded. */
    private Instant insert(String user, Instant now) {
        try (Connection connection = connection();
             PreparedStatement insert = connection.prepareStatement(
                 "INSERT INTO " + TABLE + " (username, first_seen) VALUES (?, ?)")) {
            insert.setString(1, user);
            insert.setLong(2, now.toEpochMilli());
            insert.executeUpdate();
            return now;
        } catch (SQLException e) {
            if (ALREADY_EXISTS.contains(e.getSQLState())) {
                return read(user).orElse(now);
            }
            throw new ThrottleStoreException("cannot record when " + user + " was first seen: " + e.getMessage(), e);
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = dataSource.orElseThrow().getConnection();
        if (!schemaReady) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + TABLE + " (username VARCHAR(320) NOT NULL PRIMARY KEY, "
                    + "first_seen BIGINT NOT NULL)");
            } catch (SQLException e) {
                if (!ALREADY_EXISTS.contains(e.getSQLState())) {
                    connection.close();
                    throw e;
                }
            }
            schemaReady = true;
        }
        return connection;
    }
}
