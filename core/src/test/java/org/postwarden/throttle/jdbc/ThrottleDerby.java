package org.postwarden.throttle.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.postwarden.greylist.jdbc.DerbyDatabase;

/** An embedded Derby database in a directory, logging where the greylist tests' {@link DerbyDatabase} does. */
final class ThrottleDerby {
    static {
        System.setProperty("derby.stream.error.field", DerbyDatabase.class.getName() + ".DISCARDED_LOG");
    }

    private ThrottleDerby() {
    }

    static EmbeddedDataSource create(Path directory) {
        EmbeddedDataSource dataSource = open(directory);
        dataSource.setCreateDatabase("create");
        return dataSource;
    }

    static EmbeddedDataSource open(Path directory) {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(directory.resolve("throttle").toString());
        return dataSource;
    }

    /** Shuts the database down, as stopping the database server would. */
    static void shutdown(Path directory) {
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

    static void execute(EmbeddedDataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
