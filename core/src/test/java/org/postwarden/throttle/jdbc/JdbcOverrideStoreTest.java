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
import org.postwarden.throttle.OverrideStore;
import org.postwarden.throttle.OverrideStoreContract;

class JdbcOverrideStoreTest implements OverrideStoreContract {
    @TempDir
    static Path sharedDirectory;

    private static EmbeddedDataSource sharedDataSource;
    private static JdbcOverrideStore sharedStore;

    @BeforeAll
    static void createDatabase() {
        sharedDataSource = DerbyDatabase.create(sharedDirectory);
        sharedStore = new JdbcOverrideStore(sharedDataSource);
    }

    @AfterAll
    static void shutdownDatabase() {
        DerbyDatabase.shutdown(sharedDirectory);
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        DerbyDatabase.execute(sharedDataSource, "DELETE FROM " + ThrottleSchema.OVERRIDES);
    }

    @Override
    public OverrideStore overrides() {
        return sharedStore;
    }

    @Test
    void overridesShouldSurviveReopeningTheDatabase(@TempDir Path directory) {
        new JdbcOverrideStore(DerbyDatabase.create(directory)).setOverride(ALICE, STRICT);
        DerbyDatabase.shutdown(directory);

        assertThat(new JdbcOverrideStore(DerbyDatabase.open(directory)).override(ALICE)).contains(STRICT);
        DerbyDatabase.shutdown(directory);
    }
}
