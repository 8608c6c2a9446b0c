package org.postwarden.greylist.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postwarden.greylist.GreylistStoreException;

/**
 * Borrows a connection per unit of work and turns every {@link SQLException}, and every row the store cannot read
 * back, into a store failure.
 */
final class SqlExecutor {
    private static final String UNIQUE_VIOLATION = "23505";

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    SqlExecutor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T withConnection(String action, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(action, e);
        } catch (GreylistStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GreylistStoreException("Unreadable greylist data in the database while trying to " + action, e);
        }
    }

    /** Runs {@code work} in one transaction, rolled back when it throws. */
    <T> T inTransaction(String action, Work<T> work) {
        return withConnection(action, connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
    }

    int update(String action, String sql, Object... parameters) {
        return withConnection(action, connection -> update(connection, sql, parameters));
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
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

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    private static GreylistStoreException failure(String action, SQLException e) {
        return new GreylistStoreException("Greylist database failed to " + action + " (SQLState "
            + e.getSQLState() + "): " + e.getMessage(), e);
    }
}
