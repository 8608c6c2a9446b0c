package org.postwarden.throttle.embedded;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.postwarden.common.embedded.LegacyImport;
import org.postwarden.throttle.Gcra;
import org.postwarden.throttle.ThrottleStoreException;

/**
 * The first start of {@link EmbeddedThrottleStore} on an installation that counted in the database (the
 * {@code postwarden_throttle_windows} table of {@code JdbcThrottleStore}, the default before): every window is
 * copied into the file, once (see {@link LegacyImport}). Overrides, suspensions and the audit log stay in the
 * database, where the embedded default keeps them.
 */
public final class JdbcThrottleImport {
    private static final String WINDOWS = "postwarden_throttle_windows";

    private JdbcThrottleImport() {
    }

    /**
     * Imports the table unless this store's file did already; returns how many windows were copied.
     *
     * @throws ThrottleStoreException when the database cannot be read; the import then runs again next time
     */
    public static long once(EmbeddedThrottleStore store, DataSource dataSource) {
        try {
            return LegacyImport.once(store.file(), "jdbc-throttle", dataSource, connection ->
                LegacyImport.copyRows(connection, WINDOWS,
                    "SELECT bucket, window_ms, debt, updated_at, drained_at FROM " + WINDOWS,
                    row -> store.restore(row.getString("bucket"), row.getLong("window_ms"),
                        new Gcra.State(row.getLong("debt"), row.getLong("updated_at")), row.getLong("drained_at"))));
        } catch (SQLException | RuntimeException e) {
            throw new ThrottleStoreException("Could not import the throttle counters into the embedded store: "
                + e.getMessage(), e);
        }
    }
}
