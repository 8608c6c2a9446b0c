package org.postwarden.throttle.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.testing.DerbyDatabase;
import org.postwarden.throttle.SuspensionStore;
import org.postwarden.throttle.SuspensionStoreContract;

class JdbcSuspensionStoreTest implements SuspensionStoreContract {
    @TempDir
    static Path sharedDirectory;

    private static EmbeddedDataSource sharedDataSource;
    private static JdbcSuspensionStore sharedStore;

    @BeforeAll
    static void createDatabase() {
        sharedDataSource = DerbyDatabase.create(sharedDirectory);
        sharedStore = new JdbcSuspensionStore(sharedDataSource);
    }

    @AfterAll
    static void shutdownDatabase() {
        DerbyDatabase.shutdown(sharedDirectory);
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        DerbyDatabase.execute(sharedDataSource, "DELETE FROM " + ThrottleSchema.SUSPENSIONS,
            "DELETE FROM " + ThrottleSchema.AUDIT);
    }

    @Override
    public SuspensionStore suspensions() {
        return sharedStore;
    }

    @Test
    void suspensionsAndTheirLogShouldSurviveReopeningTheDatabase(@TempDir Path directory) {
        JdbcSuspensionStore before = new JdbcSuspensionStore(DerbyDatabase.create(directory));
        before.suspend(ALICE, "exceeded 300/1h", COUNTERS, NOW);
        before.suspend(BOB, "exceeded 300/1h", COUNTERS, NOW);
        before.unsuspend(BOB, "false alarm", NOW);
        DerbyDatabase.shutdown(directory);

        JdbcSuspensionStore after = new JdbcSuspensionStore(DerbyDatabase.open(directory));

        assertThat(after.suspension(ALICE).orElseThrow().counters()).isEqualTo(COUNTERS);
        assertThat(after.suspension(BOB)).isEmpty();
        assertThat(after.history(BOB)).hasSize(2);
        DerbyDatabase.shutdown(directory);
    }
}
