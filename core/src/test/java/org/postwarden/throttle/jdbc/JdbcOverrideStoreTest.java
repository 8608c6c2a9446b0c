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
import org.postwarden.throttle.OverrideStore;
import org.postwarden.throttle.OverrideStoreContract;

class JdbcOverrideStoreTest implements OverrideStoreContract {
    @TempDir
    static Path sharedDirectory;

    private static EmbeddedDataSource sharedDataSource;
    private static JdbcOverrideStore sharedStore;

    @BeforeAll
    static void createDatabase() {
        sharedDataSource = ThrottleDerby.create(sharedDirectory);
        sharedStore = new JdbcOverrideStore(sharedDataSource);
    }

    @AfterAll
    static void shutdownDatabase() {
        ThrottleDerby.shutdown(sharedDirectory);
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        ThrottleDerby.execute(sharedDataSource, "DELETE FROM " + ThrottleSchema.OVERRIDES);
    }

    @Override
    public OverrideStore overrides() {
        return sharedStore;
    }

    @Test
    void overridesShouldSurviveReopeningTheDatabase(@TempDir Path directory) {
        new JdbcOverrideStore(ThrottleDerby.create(directory)).setOverride(ALICE, STRICT);
        ThrottleDerby.shutdown(directory);

        assertThat(new JdbcOverrideStore(ThrottleDerby.open(directory)).override(ALICE)).contains(STRICT);
        ThrottleDerby.shutdown(directory);
    }
}
