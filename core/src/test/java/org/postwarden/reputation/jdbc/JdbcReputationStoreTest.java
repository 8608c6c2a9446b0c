package org.postwarden.reputation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.reputation.Outcome;
import org.postwarden.reputation.ReputationCounts;
import org.postwarden.reputation.ReputationStore;
import org.postwarden.reputation.ReputationStoreContract;
import org.postwarden.reputation.ReputationStoreException;
import org.postwarden.testing.DerbyDatabase;

class JdbcReputationStoreTest implements ReputationStoreContract {
    @TempDir
    static Path directory;

    private static EmbeddedDataSource dataSource;
    private static JdbcReputationStore store;

    @BeforeAll
    static void createDatabase() {
        dataSource = DerbyDatabase.create(directory.resolve("reputation"));
        store = new JdbcReputationStore(dataSource);
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        execute("DELETE FROM " + JdbcReputationStore.TABLE);
    }

    @Override
    public ReputationStore store() {
        return store;
    }

    @Test
    void aSecondStoreOnTheSameDatabaseShouldShareTheCounts() {
        store.add("alice@example.com", Outcome.SENT, 2, EARLY);

        JdbcReputationStore other = new JdbcReputationStore(dataSource);
        other.add("alice@example.com", Outcome.SENT, 1, EARLY);

        assertThat(store.counts("alice@example.com", EARLY)).isEqualTo(new ReputationCounts(3, 0, 0, 0));
    }

    @Test
    void anUnknownOutcomeInTheTableShouldBeAClearError() throws SQLException {
        execute("INSERT INTO " + JdbcReputationStore.TABLE + " VALUES ('alice@example.com', "
            + EARLY.toEpochMilli() + ", 'delivered', 1)");

        assertThatThrownBy(() -> store.counts("alice@example.com", EARLY))
            .isInstanceOf(ReputationStoreException.class).hasMessageContaining("Unreadable outcome");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
