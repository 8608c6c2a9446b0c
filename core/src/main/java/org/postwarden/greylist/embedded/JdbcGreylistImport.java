package org.postwarden.greylist.embedded;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.postwarden.common.embedded.LegacyImport;
import org.postwarden.greylist.GreylistStoreException;
import org.postwarden.greylist.GreylistTriplet;
import org.postwarden.greylist.NetworkPasses;
import org.postwarden.greylist.TripletRecord;
import org.postwarden.greylist.WhitelistEntry;

/**
 * The first start of {@link EmbeddedGreylistStore} on an installation that kept greylisting in the database
 * (the {@code postwarden_greylist_*} tables of {@code JdbcGreylistStore}, the default before): triplets with their
 * versions, network passes and whitelist entries are copied into the file, once (see {@link LegacyImport}).
 */
public final class JdbcGreylistImport {
    private static final String TRIPLETS = "postwarden_greylist_triplets";
    private static final String NETWORKS = "postwarden_greylist_networks";
    private static final String WHITELIST = "postwarden_greylist_whitelist";

    private JdbcGreylistImport() {
    }

    /**
     * Imports the tables unless this store's file did already; returns how many records were copied.
     *
     * @throws GreylistStoreException when the database cannot be read; the import then runs again next time
     */
    public static long once(EmbeddedGreylistStore store, DataSource dataSource) {
        try {
            return LegacyImport.once(store.file(), "jdbc-greylist", dataSource, connection ->
                triplets(store, connection) + networks(store, connection) + whitelist(store, connection));
        } catch (SQLException | RuntimeException e) {
            throw new GreylistStoreException("Could not import the greylist tables into the embedded store: "
                + e.getMessage(), e);
        }
    }

    private static long triplets(EmbeddedGreylistStore store, Connection connection) throws SQLException {
        return LegacyImport.copyRows(connection, TRIPLETS, "SELECT network, sender, recipient, state, first_seen, last_seen, "
            + "pass_count, expires_at, version FROM " + TRIPLETS, row -> store.restore(
                new GreylistTriplet(row.getString("network"), row.getString("sender"), row.getString("recipient")),
                new TripletRecord(TripletRecord.State.valueOf(row.getString("state")),
                    Instant.ofEpochMilli(row.getLong("first_seen")), Instant.ofEpochMilli(row.getLong("last_seen")),
                    row.getLong("pass_count"), Instant.ofEpochMilli(row.getLong("expires_at"))),
                row.getLong("version")));
    }

    private static long networks(EmbeddedGreylistStore store, Connection connection) throws SQLException {
        return LegacyImport.copyRows(connection, NETWORKS, "SELECT network, pass_count, first_pass, last_pass, expires_at FROM "
            + NETWORKS, row -> store.restore(new NetworkPasses(row.getString("network"), row.getLong("pass_count"),
                Instant.ofEpochMilli(row.getLong("first_pass")), Instant.ofEpochMilli(row.getLong("last_pass")),
                Instant.ofEpochMilli(row.getLong("expires_at")))));
    }

    private static long whitelist(EmbeddedGreylistStore store, Connection connection) throws SQLException {
        return LegacyImport.copyRows(connection, WHITELIST, "SELECT id, kind, entry_value, comment_text, created_at FROM " + WHITELIST,
            row -> store.restore(new WhitelistEntry(row.getString("id"),
                WhitelistEntry.Kind.valueOf(row.getString("kind")), row.getString("entry_value"),
                row.getString("comment_text"), Instant.ofEpochMilli(row.getLong("created_at")))));
    }
}
