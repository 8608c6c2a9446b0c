package org.postwarden.testing;

import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * An embedded Derby database in a directory, as a stand-in for the shared database of a cluster, for the JDBC
 * stores' tests. Derby's log goes nowhere instead of a derby.log in the working directory.
 */
public final class DerbyDatabase {
    /** Where Derby writes its log instead of a derby.log in the working directory; Derby needs it public. */
    public static final OutputStream DISCARDED_LOG = OutputStream.nullOutputStream();

    static {
        System.setProperty("derby.stream.error.field", DerbyDatabase.class.getName() + ".DISCARDED_LOG");
    }

    private DerbyDatabase() {
    }

    public static EmbeddedDataSource create(Path directory) {
        EmbeddedDataSource dataSource = open(directory);
        dataSource.setCreateDatabase("create");
        return dataSource;
    }

    /** A fresh database in memory, gone with the JVM. */
    public static EmbeddedDataSource inMemory() {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
        return dataSource;
    }

    public static EmbeddedDataSource open(Path directory) {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(directory.resolve("db").toString());
        return dataSource;
    }

    /** Shuts the database down, as stopping the database server would. */
    public static void shutdown(Path directory) {
        EmbeddedDataSource dataSource = open(directory);
        dataSource.setShutdownDatabase("shutdown");
        try (Connection ignored = dataSource.getConnection()) {
            throw new IllegalStateException("Derby did not shut down");
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static void execute(EmbeddedDataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
