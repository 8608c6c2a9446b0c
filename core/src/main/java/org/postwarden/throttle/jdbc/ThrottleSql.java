package org.postwarden.throttle.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postwarden.throttle.ThrottleStoreException;

/**
 * Borrows a connection per unit of work, creates the tables on first use, and turns every {@link SQLException},
 * and every row that cannot be read back, into a {@link ThrottleStoreException}.
 */
final class ThrottleSql {
    /** Unique violation: a concurrent transaction inserted the same row first. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** Class 40, transaction rollback: deadlocks and serialisation failures (Derby 40001/40XL1, PostgreSQL 40P01). */
    private static final String TRANSACTION_ROLLBACK_CLASS = "40";
    private static final int MAX_ATTEMPTS = 20;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;

    /** @throws ThrottleStoreException when the database is unreachable or the tables cannot be created */
    ThrottleSql(DataSource dataSource) {
        this.dataSource = dataSource;
        withConnection("create the throttle tables", connection -> {
            ThrottleSchema.createIfAbsent(connection);
            return null;
        });
    }

    <T> T withConnection(String action, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new ThrottleStoreException("Throttle database failed to " + action + " (SQLState "
                + e.getSQLState() + "): " + e.getMessage(), e);
        } catch (ThrottleStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ThrottleStoreException("Unreadable throttle data in the database while trying to " + action, e);
        }
    }

    /**
     * Runs {@code work} in one transaction, rolled back when it throws, and run again when it lost a race: a
     * unique violation on insert or a deadlock.
     */
    <T> T inTransaction(String action, Work<T> work) {
        return withConnection(action, connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (int attempt = 1; ; attempt++) {
                    try {
                        T result = work.run(connection);
                        connection.commit();
                        return result;
                    } catch (SQLException e) {
                        connection.rollback();
                        if (attempt >= MAX_ATTEMPTS || !isLostRace(e)) {
                            throw e;
                        }
                    } catch (RuntimeException e) {
                        connection.rollback();
                        throw e;
                    }
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    int update(String action, String sql, Object... parameters) {
        return withConnection(action, connection -> update(connection, sql, parameters));
    }

    <T> List<T> query(String action, RowReader<T> reader, String sql, Object... parameters) {
        return withConnection(action, connection -> query(connection, reader, sql, parameters));
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    static <T> List<T> query(Connection connection, RowReader<T> reader, String sql, Object... parameters)
        throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> results = new ArrayList<>();
            while (rows.next()) {
                results.add(reader.read(rows));
            }
            return results;
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    private static boolean isLostRace(SQLException e) {
        String state = e.getSQLState();
        return isUniqueViolation(e) || (state != null && state.startsWith(TRANSACTION_ROLLBACK_CLASS));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
        throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
