package org.postwarden.greylist.jdbc;

import static org.postwarden.greylist.jdbc.GreylistSchema.NETWORKS;
import static org.postwarden.greylist.jdbc.GreylistSchema.TRIPLETS;
import static org.postwarden.greylist.jdbc.GreylistSchema.WHITELIST;
import static org.postwarden.common.jdbc.Jdbc.isUniqueViolation;
import static org.postwarden.common.jdbc.Jdbc.prepare;
import static org.postwarden.common.jdbc.Jdbc.update;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postwarden.common.jdbc.Jdbc;
import org.postwarden.common.jdbc.StoreFailures;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.GreylistStoreException;
import org.postwarden.greylist.GreylistTriplet;
import org.postwarden.greylist.NetworkPasses;
import org.postwarden.greylist.TripletQuery;
import org.postwarden.greylist.TripletRecord;
import org.postwarden.greylist.TripletView;
import org.postwarden.greylist.Versioned;
import org.postwarden.greylist.WhitelistEntry;

/**
 * A store in a relational database shared by the nodes, for embedded Derby 10.14 and PostgreSQL alike (the build
 * tests Derby; the store contract also passed against PostgreSQL 15): no vendor upsert, but INSERT that loses to a
 * concurrent one on the unique key, and UPDATE ... WHERE version = ?. Creates its {@code postwarden_greylist_*} tables when absent. Expired rows stay
 * until {@link #purgeExpired} (run it periodically); reads ignore or restart them meanwhile.
 */
public final class JdbcGreylistStore implements GreylistStore {
    private static final String TRIPLET_COLUMNS = "network, sender, recipient, state, first_seen, last_seen, "
        + "pass_count, expires_at";
    private static final String NETWORK_COLUMNS = "network, pass_count, first_pass, last_pass, expires_at";
    private static final String WHITELIST_COLUMNS = "id, kind, entry_value, comment_text, created_at";
    private static final int MAX_UPSERT_ATTEMPTS = 3;
    private static final StoreFailures FAILURES = StoreFailures.describing("Greylist", GreylistStoreException::new)
        .unreadableAs("greylist data", GreylistStoreException::new);

    private final Jdbc jdbc;

    /** @throws GreylistStoreException when the database is unreachable or the tables cannot be created */
    public JdbcGreylistStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, FAILURES);
        jdbc.withConnection("create the greylist tables", connection -> {
            GreylistSchema.createIfAbsent(connection);
            return null;
        });
    }

    @Override
    public Optional<Versioned<TripletRecord>> triplet(GreylistTriplet triplet) {
        return jdbc.withConnection("read a triplet", connection -> {
            try (PreparedStatement statement = prepare(connection,
                     "SELECT " + TRIPLET_COLUMNS + ", version FROM " + TRIPLETS + " WHERE id = ?", id(triplet));
                 ResultSet row = statement.executeQuery()) {
                return row.next()
                    ? Optional.of(new Versioned<>(tripletRecord(row), row.getLong("version")))
                    : Optional.empty();
            }
        });
    }

    @Override
    public boolean compareAndSet(GreylistTriplet triplet, Optional<Long> expectedVersion, TripletRecord next) {
        return jdbc.withConnection("write a triplet", connection -> {
            if (expectedVersion.isPresent()) {
                return update(connection, "UPDATE " + TRIPLETS + " SET state = ?, first_seen = ?, last_seen = ?, "
                        + "pass_count = ?, expires_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                    next.state().name(), millis(next.firstSeen()), millis(next.lastSeen()), next.passCount(),
                    millis(next.expiresAt()), id(triplet), expectedVersion.get()) == 1;
            }
            try {
                update(connection, "INSERT INTO " + TRIPLETS + " (id, " + TRIPLET_COLUMNS + ", version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                    id(triplet), triplet.network(), triplet.sender(), triplet.recipient(), next.state().name(),
                    millis(next.firstSeen()), millis(next.lastSeen()), next.passCount(), millis(next.expiresAt()));
                return true;
            } catch (SQLException e) {
                if (isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public boolean deleteTriplet(GreylistTriplet triplet) {
        return jdbc.update("delete a triplet", "DELETE FROM " + TRIPLETS + " WHERE id = ?", id(triplet)) > 0;
    }

    @Override
    public List<TripletView> triplets(TripletQuery query, Instant now) {
        return jdbc.withConnection("list triplets", connection -> {
            try (PreparedStatement statement = prepare(connection, "SELECT " + TRIPLET_COLUMNS + " FROM " + TRIPLETS
                    + " WHERE expires_at > ? AND network LIKE ? ESCAPE '!' AND sender LIKE ? ESCAPE '!'"
                    + " AND recipient LIKE ? ESCAPE '!' ORDER BY last_seen DESC",
                millis(now), contains(query.network()), contains(query.sender()), contains(query.recipient()))) {
                statement.setMaxRows(query.limit());
                try (ResultSet rows = statement.executeQuery()) {
                    List<TripletView> views = new ArrayList<>();
                    while (rows.next()) {
                        GreylistTriplet triplet = new GreylistTriplet(rows.getString("network"),
                            rows.getString("sender"), rows.getString("recipient"));
                        views.add(new TripletView(triplet, tripletRecord(rows)));
                    }
                    return views;
                }
            }
        });
    }

    @Override
    public Optional<NetworkPasses> networkPasses(String network) {
        return jdbc.withConnection("read a network", connection -> {
            try (PreparedStatement statement = prepare(connection,
                     "SELECT " + NETWORK_COLUMNS + " FROM " + NETWORKS + " WHERE network = ?", network);
                 ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(networkPasses(row)) : Optional.empty();
            }
        });
    }

    @Override
    public long recordNetworkPass(String network, Instant now, Instant expiresAt) {
        for (int attempt = 0; attempt < MAX_UPSERT_ATTEMPTS; attempt++) {
            Optional<Long> passes = jdbc.inTransaction("count a network pass", connection -> {
                // Row locks serialise concurrent UPDATEs, and both databases evaluate pass_count + 1 against the
                // row as committed by the previous one, so no increment is lost.
                int updated = update(connection, "UPDATE " + NETWORKS + " SET "
                        + "pass_count = CASE WHEN expires_at <= ? THEN 1 ELSE pass_count + 1 END, "
                        + "first_pass = CASE WHEN expires_at <= ? THEN CAST(? AS BIGINT) ELSE first_pass END, "
                        + "last_pass = ?, expires_at = ? WHERE network = ?",
                    millis(now), millis(now), millis(now), millis(now), millis(expiresAt), network);
                if (updated == 0) {
                    return insertNetwork(connection, network, now, expiresAt);
                }
                try (PreparedStatement statement = prepare(connection,
                         "SELECT pass_count FROM " + NETWORKS + " WHERE network = ?", network);
                     ResultSet row = statement.executeQuery()) {
                    row.next();
                    return Optional.of(row.getLong(1));
                }
            });
            if (passes.isPresent()) {
                return passes.get();
            }
        }
        throw new GreylistStoreException("Network " + network + " pass count kept conflicting");
    }

    @Override
    public List<NetworkPasses> autoWhitelistedNetworks(long threshold, Instant now, int limit) {
        return jdbc.withConnection("list networks", connection -> {
            try (PreparedStatement statement = prepare(connection, "SELECT " + NETWORK_COLUMNS + " FROM " + NETWORKS
                    + " WHERE expires_at > ? AND pass_count >= ? ORDER BY last_pass DESC", millis(now), threshold)) {
                statement.setMaxRows(limit);
                try (ResultSet rows = statement.executeQuery()) {
                    List<NetworkPasses> networks = new ArrayList<>();
                    while (rows.next()) {
                        networks.add(networkPasses(rows));
                    }
                    return networks;
                }
            }
        });
    }

    @Override
    public boolean deleteNetwork(String network) {
        return jdbc.update("delete a network", "DELETE FROM " + NETWORKS + " WHERE network = ?", network) > 0;
    }

    @Override
    public long purgeExpired(Instant now) {
        return jdbc.withConnection("purge expired records", connection ->
            (long) update(connection, "DELETE FROM " + TRIPLETS + " WHERE expires_at <= ?", millis(now))
                + update(connection, "DELETE FROM " + NETWORKS + " WHERE expires_at <= ?", millis(now)));
    }

    @Override
    public void addWhitelistEntry(WhitelistEntry entry) {
        jdbc.inTransaction("store a whitelist entry", connection -> {
            update(connection, "DELETE FROM " + WHITELIST + " WHERE id = ?", entry.id());
            return update(connection, "INSERT INTO " + WHITELIST + " (" + WHITELIST_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                entry.id(), entry.kind().name(), entry.value(), entry.comment(), millis(entry.createdAt()));
        });
    }

    @Override
    public boolean removeWhitelistEntry(String id) {
        return jdbc.update("remove a whitelist entry", "DELETE FROM " + WHITELIST + " WHERE id = ?", id) > 0;
    }

    @Override
    public List<WhitelistEntry> whitelistEntries() {
        return jdbc.withConnection("list whitelist entries", connection -> {
            try (PreparedStatement statement = prepare(connection,
                     "SELECT " + WHITELIST_COLUMNS + " FROM " + WHITELIST + " ORDER BY created_at, id");
                 ResultSet rows = statement.executeQuery()) {
                List<WhitelistEntry> entries = new ArrayList<>();
                while (rows.next()) {
                    entries.add(new WhitelistEntry(rows.getString("id"),
                        WhitelistEntry.Kind.valueOf(rows.getString("kind")), rows.getString("entry_value"),
                        rows.getString("comment_text"), Instant.ofEpochMilli(rows.getLong("created_at"))));
                }
                return entries;
            }
        });
    }

    @Override
    public void ping() {
        boolean valid = jdbc.withConnection("ping", connection -> connection.isValid(2));
        if (!valid) {
            throw new GreylistStoreException("Greylist database connection is not valid");
        }
    }

    /** Empty when a concurrent node inserted the row first: the caller retries with an UPDATE. */
    private static Optional<Long> insertNetwork(Connection connection, String network, Instant now, Instant expiresAt)
        throws SQLException {
        try {
            update(connection, "INSERT INTO " + NETWORKS + " (" + NETWORK_COLUMNS + ") VALUES (?, 1, ?, ?, ?)",
                network, millis(now), millis(now), millis(expiresAt));
            return Optional.of(1L);
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                connection.rollback();
                return Optional.empty();
            }
            throw e;
        }
    }

    private static TripletRecord tripletRecord(ResultSet row) throws SQLException {
        return new TripletRecord(TripletRecord.State.valueOf(row.getString("state")),
            Instant.ofEpochMilli(row.getLong("first_seen")), Instant.ofEpochMilli(row.getLong("last_seen")),
            row.getLong("pass_count"), Instant.ofEpochMilli(row.getLong("expires_at")));
    }

    private static NetworkPasses networkPasses(ResultSet row) throws SQLException {
        return new NetworkPasses(row.getString("network"), row.getLong("pass_count"),
            Instant.ofEpochMilli(row.getLong("first_pass")), Instant.ofEpochMilli(row.getLong("last_pass")),
            Instant.ofEpochMilli(row.getLong("expires_at")));
    }

    private static String id(GreylistTriplet triplet) {
        String fields = triplet.network() + '\0' + triplet.sender() + '\0' + triplet.recipient();
        return Hashing.sha256().hashString(fields, StandardCharsets.UTF_8).toString();
    }

    private static String contains(String text) {
        return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }
}
