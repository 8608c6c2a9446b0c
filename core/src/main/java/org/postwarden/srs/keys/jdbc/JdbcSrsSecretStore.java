package org.postwarden.srs.keys.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.postwarden.srs.keys.SrsSecretRecord;
import org.postwarden.srs.keys.SrsSecretStore;
import org.postwarden.srs.keys.SrsSecretStoreException;

/**
 * Secrets in {@code postwarden_srs_secrets}, shared by the nodes, for embedded Derby and PostgreSQL alike. Creates
 * the table when absent. Instants are epoch milliseconds; {@code retired_at} is NULL while a secret may sign.
 */
public final class JdbcSrsSecretStore implements SrsSecretStore {
    static final String TABLE = "postwarden_srs_secrets";
    private static final String UNIQUE_VIOLATION = "23505";
    /** Derby's "already exists", PostgreSQL's duplicate_table, and the unique violation of a concurrent creation. */
    private static final Set<String> ALREADY_EXISTS = Set.of("X0Y32", "42P07", UNIQUE_VIOLATION);
    private static final int ID_LENGTH = 16;

    private final DataSource dataSource;

    /** @throws SrsSecretStoreException when the database is unreachable or the table cannot be created */
    public JdbcSrsSecretStore(DataSource dataSource) {
        this.dataSource = dataSource;
        withConnection("create the SRS secrets table", connection -> {
            createIfAbsent(connection);
            return null;
        });
    }

    @Override
    public List<SrsSecretRecord> list() {
        return withConnection("list the SRS secrets", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                     "SELECT id, secret, created_at, retired_at FROM " + TABLE + " ORDER BY created_at, id");
                 ResultSet rows = statement.executeQuery()) {
                List<SrsSecretRecord> records = new ArrayList<>();
                while (rows.next()) {
                    long retiredAt = rows.getLong("retired_at");
                    Optional<Instant> retired = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(retiredAt));
                    records.add(new SrsSecretRecord(rows.getString("id"), rows.getString("secret"),
                        Instant.ofEpochMilli(rows.getLong("created_at")), retired));
                }
                return records;
            }
        });
    }

    @Override
    public boolean add(SrsSecretRecord record) {
        return withConnection("add an SRS secret", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO " + TABLE + " (id, secret, created_at, retired_at) VALUES (?, ?, ?, ?)")) {
                statement.setString(1, record.id());
                statement.setString(2, record.secret());
                statement.setLong(3, record.createdAt().toEpochMilli());
                statement.setObject(4, record.retiredAt().map(Instant::toEpochMilli).orElse(null), Types.BIGINT);
                statement.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public boolean retire(String id, Instant at) {
        return withConnection("retire an SRS secret", connection -> update(connection,
            "UPDATE " + TABLE + " SET retired_at = ? WHERE id = ? AND retired_at IS NULL", at.toEpochMilli(), id) == 1);
    }

    @Override
    public boolean remove(String id) {
        return withConnection("remove an SRS secret", connection ->
            update(connection, "DELETE FROM " + TABLE + " WHERE id = ?", id) == 1);
    }

    /** In SQL that Derby and PostgreSQL both accept. Several nodes may run it at once. */
    private static void createIfAbsent(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + TABLE + " ("
                + "id VARCHAR(" + ID_LENGTH + ") NOT NULL PRIMARY KEY, "
                + "secret VARCHAR(" + SrsSecretRecord.MAX_SECRET_LENGTH + ") NOT NULL, "
                + "created_at BIGINT NOT NULL, "
                + "retired_at BIGINT)");
        } catch (SQLException e) {
            if (!ALREADY_EXISTS.contains(e.getSQLState())) {
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(String action, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new SrsSecretStoreException("SRS secret database failed to " + action + " (SQLState "
                + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
