package org.postwarden.common.embedded;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Carries an installation's data from the database tables a store used before into its {@link EmbeddedFile}, once:
 * the file remembers that the import ran (even when there was nothing to import), so rows written to the old
 * tables later, by a node switched back to them, are never imported over newer data. The old tables are left as
 * they were. An import that fails half-way is not marked and runs again at the next start; rows carry their keys,
 * so running it twice writes the same data twice.
 */
public final class LegacyImport {
    private static final String META = "postwarden.meta";
    private static final int FETCH_SIZE = 1_000;
    private static final int COMPACT_MILLIS = 120_000;
    private static final System.Logger LOGGER = System.getLogger(LegacyImport.class.getName());

    /** Copies rows from the open connection into the file's maps; returns how many. */
    @FunctionalInterface
    public interface Copy {
        long run(Connection connection) throws SQLException;
    }

    /** Copies one row of a result set into a map. */
    @FunctionalInterface
    public interface RowCopy {
        void copy(ResultSet row) throws SQLException;
    }

    private LegacyImport() {
    }

    /**
     * Runs {@code copy} unless this file already ran the import called {@code name}, then forces the result to the
     * disk and marks the import done. Returns how many rows were copied (0 when it had run).
     */
    public static long once(EmbeddedFile file, String name, DataSource dataSource, Copy copy) throws SQLException {
        Map<String, String> meta = file.map(META);
        String marker = "imported." + name;
        if (meta.containsKey(marker)) {
            return 0;
        }
        long copied;
        try (Connection connection = dataSource.getConnection()) {
            copied = copy.run(connection);
        }
        file.commitDurably();
        meta.put(marker, Instant.now() + " " + copied + " rows");
        file.commitDurably();
        if (copied > 0) {
            compactQuietly(file);
        }
        return copied;
    }

    /** The import is done and marked: a file left larger than it need be is no reason to fail the start. */
    private static void compactQuietly(EmbeddedFile file) {
        try {
            file.compact(COMPACT_MILLIS);
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "could not compact " + file.path() + " after the import: "
                + e.getMessage());
        }
    }

    /** Whether the table exists, however the database folds the case of unquoted names (Derby upper, PostgreSQL lower). */
    public static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        for (String spelling : new String[] {table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet tables = metaData.getTables(null, null, spelling, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Runs {@code select} on the table, when it exists, and copies each row; returns how many. */
    public static long copyRows(Connection connection, String table, String select, RowCopy rowCopy)
        throws SQLException {
        if (!tableExists(connection, table)) {
            return 0;
        }
        long copied = 0;
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery(select)) {
                while (rows.next()) {
                    rowCopy.copy(rows);
                    copied++;
                }
            }
        }
        return copied;
    }
}
