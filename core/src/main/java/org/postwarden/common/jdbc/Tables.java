package org.postwarden.common.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/** Creates a store's tables and indexes, in SQL that embedded Derby and PostgreSQL both accept. */
public final class Tables {
    /** Derby's "already exists", PostgreSQL's duplicate_table, and the unique violation of a concurrent creation. */
    private static final Set<String> ALREADY_EXISTS = Set.of("X0Y32", "42P07", Jdbc.UNIQUE_VIOLATION);

    private Tables() {
    }

    /** Runs each DDL statement, skipping what exists already; several nodes may run this at once. Needs auto-commit. */
    public static void createIfAbsent(Connection connection, List<String> ddl) throws SQLException {
        for (String statementText : ddl) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(statementText);
            } catch (SQLException e) {
                if (!ALREADY_EXISTS.contains(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }
}
