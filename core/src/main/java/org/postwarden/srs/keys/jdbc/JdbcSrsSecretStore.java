package org.postwarden.srs.keys.jdbc;

import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postwarden.common.jdbc.Jdbc;
import org.postwarden.common.jdbc.StoreFailures;
import org.postwarden.common.jdbc.Tables;
import org.postwarden.common.jdbc.TypedNull;
import org.postwarden.srs.keys.SrsSecretRecord;
import org.postwarden.srs.keys.SrsSecretStore;
import org.postwarden.srs.keys.SrsSecretStoreException;

/**
 * Secrets in {@code postwarden_srs_secrets}, shared by the nodes, for embedded Derby and PostgreSQL alike. Creates
 * the table when absent. Instants are epoch milliseconds; {@code retired_at} is NULL while a secret may sign.
 */
public final class JdbcSrsSecretStore implements SrsSecretStore {
    static final String TABLE = "postwarden_srs_secrets";
    private static final int ID_LENGTH = 16;

    private final Jdbc jdbc;

    /** @throws SrsSecretStoreException when the database is unreachable or the table cannot be created */
    public JdbcSrsSecretStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, StoreFailures.describing("SRS secret", SrsSecretStoreException::new));
        // In SQL that Derby and PostgreSQL both accept. Several nodes may run it at once.
        jdbc.withConnection("create the SRS secrets table", connection -> {
            Tables.createIfAbsent(connection, List.of("CREATE TABLE " + TABLE + " ("
                + "id VARCHAR(" + ID_LENGTH + ") NOT NULL PRIMARY KEY, "
                + "secret VARCHAR(" + SrsSecretRecord.MAX_SECRET_LENGTH + ") NOT NULL, "
                + "created_at BIGINT NOT NULL, "
                + "retired_at BIGINT)"));
            return null;
        });
    }

    @Override
    public List<SrsSecretRecord> list() {
        return jdbc.query("list the SRS secrets", row -> {
            long retiredAt = row.getLong("retired_at");
            Optional<Instant> retired = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(retiredAt));
            return new SrsSecretRecord(row.getString("id"), row.getString("secret"),
                Instant.ofEpochMilli(row.getLong("created_at")), retired);
        }, "SELECT id, secret, created_at, retired_at FROM " + TABLE + " ORDER BY created_at, id");
    }

    @Override
    public boolean add(SrsSecretRecord record) {
        return jdbc.withConnection("add an SRS secret", connection -> {
            try {
                Jdbc.update(connection, "INSERT INTO " + TABLE + " (id, secret, created_at, retired_at) VALUES (?, ?, ?, ?)",
                    record.id(), record.secret(), record.createdAt().toEpochMilli(),
                    record.retiredAt().<Object>map(Instant::toEpochMilli).orElse(new TypedNull(Types.BIGINT)));
                return true;
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public boolean retire(String id, Instant at) {
        return jdbc.update("retire an SRS secret",
            "UPDATE " + TABLE + " SET retired_at = ? WHERE id = ? AND retired_at IS NULL", at.toEpochMilli(), id) == 1;
    }

    @Override
    public boolean remove(String id) {
        return jdbc.update("remove an SRS secret", "DELETE FROM " + TABLE + " WHERE id = ?", id) == 1;
    }
}
