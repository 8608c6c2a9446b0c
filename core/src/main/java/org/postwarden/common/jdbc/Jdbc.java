package org.postwarden.common.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Borrows a connection from a store's {@link DataSource} per unit of work and turns what fails into the store's own
 * exception through its {@link StoreFailures}. The static helpers bind parameters with {@code setObject}, a
 * {@code null} as a VARCHAR NULL and a {@link TypedNull} as a NULL of its type.
 */
public final class Jdbc {
    /** Unique violation: a concurrent transaction inserted the same key first (Derby and PostgreSQL alike). */
    public static final String UNIQUE_VIOLATION = "23505";

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;
    private final StoreFailures failures;

    public Jdbc(DataSource dataSource, StoreFailures failures) {
        this.dataSource = dataSource;
        this.failures = failures;
    }

    public <T> T withConnection(String action, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failures.sqlFailed(action, e);
        } catch (RuntimeException e) {
            throw failures.otherFailure(action, e);
        }
    }

    /** Runs {@code work} in one transaction, rolled back when it throws. */
    public <T> T inTransaction(String action, Work<T> work) {
        return inTransaction(action, TransactionRetry.NEVER, work);
    }

    /** Runs {@code work} in one transaction, rolled back when it throws and run again while {@code retry} says so. */
    public <T> T inTransaction(String action, TransactionRetry retry, Work<T> work) {
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
                        if (!retry.again(attempt, e)) {
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

    public int update(String action, String sql, Object... parameters) {
        return withConnection(action, connection -> update(connection, sql, parameters));
    }

    public <T> List<T> query(String action, RowMapper<T> mapper, String sql, Object... parameters) {
        return withConnection(action, connection -> query(connection, mapper, sql, parameters));
    }

    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    public static <T> List<T> query(Connection connection, RowMapper<T> mapper, String sql, Object... parameters)
        throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> results = new ArrayList<>();
            while (rows.next()) {
                results.add(mapper.map(rows));
            }
            return results;
        }
    }

    /** A statement with its parameters bound, for callers that set more on it (max rows); the caller closes it. */
    public static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
        throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                bind(statement, i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    public static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    private static void bind(PreparedStatement statement, int index, Object parameter) throws SQLException {
        if (parameter == null) {
            statement.setNull(index, Types.VARCHAR);
        } else if (parameter instanceof TypedNull typed) {
            statement.setNull(index, typed.sqlType());
        } else {
            statement.setObject(index, parameter);
        }
    }
}
