package org.postwarden.throttle.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.testing.DerbyDatabase;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleStoreContract;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.WindowSpec;

class JdbcThrottleStoreTest implements ThrottleStoreContract {
    private static final WindowSpec MINUTE = ThrottleStoreContract.window(BUCKET, FIVE_PER_MINUTE, 1);
    private static final WindowSpec DAY = ThrottleStoreContract.window(BUCKET, THREE_PER_DAY, 1);

    @TempDir
    static Path sharedDirectory;

    private static EmbeddedDataSource sharedDataSource;
    private static JdbcThrottleStore sharedStore;

    @BeforeAll
    static void createDatabase() {
        sharedDataSource = DerbyDatabase.create(sharedDirectory);
        sharedStore = new JdbcThrottleStore(sharedDataSource);
    }

    @AfterAll
    static void shutdownDatabase() {
        DerbyDatabase.shutdown(sharedDirectory);
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        DerbyDatabase.execute(sharedDataSource, "DELETE FROM " + ThrottleSchema.WINDOWS);
    }

    @Override
    public ThrottleStore store() {
        return sharedStore;
    }

    @Test
    void countersShouldSurviveReopeningTheDatabase(@TempDir Path directory) {
        JdbcThrottleStore before = new JdbcThrottleStore(DerbyDatabase.create(directory));
        for (int i = 0; i < 3; i++) {
            before.acquire(List.of(MINUTE, DAY), NOW);
        }
        DerbyDatabase.shutdown(directory);

        JdbcThrottleStore after = new JdbcThrottleStore(DerbyDatabase.open(directory));

        assertThat(after.acquire(List.of(MINUTE, DAY), NOW.plusSeconds(60)).deniedBy()).contains(DAY);
        DerbyDatabase.shutdown(directory);
    }

    @Test
    void purgingShouldDeleteDrainedRows() {
        sharedStore.acquire(List.of(MINUTE, DAY), NOW);

        assertThat(sharedStore.purgeIdle(NOW.plusSeconds(60))).isEqualTo(1);
        assertThat(sharedStore.purgeIdle(NOW.plusSeconds(86_400))).isEqualTo(1);
    }

    @Test
    void longestBucketsShouldBeKept() {
        WindowSpec longest = ThrottleStoreContract.window("b".repeat(WindowSpec.MAX_BUCKET_LENGTH), FIVE_PER_MINUTE, 1);

        sharedStore.acquire(List.of(longest), NOW);

        assertThat(sharedStore.peek(List.of(longest), NOW).get(0).used()).isEqualTo(1);
    }

    @Test
    void constructorShouldThrowStoreExceptionWhenTheDatabaseIsUnreachable(@TempDir Path directory) {
        assertThatThrownBy(() -> new JdbcThrottleStore(DerbyDatabase.open(directory.resolve("missing"))))
            .isInstanceOf(ThrottleStoreException.class)
            .hasMessageContaining("create the throttle tables");
    }

    @Test
    void acquisitionsShouldThrowStoreExceptionWhenTheDatabaseFails(@TempDir Path directory) throws SQLException {
        EmbeddedDataSource dataSource = DerbyDatabase.create(directory);
        JdbcThrottleStore store = new JdbcThrottleStore(dataSource);
        DerbyDatabase.execute(dataSource, "DROP TABLE " + ThrottleSchema.WINDOWS);

        assertThatThrownBy(() -> store.acquire(List.of(MINUTE), NOW))
            .isInstanceOf(ThrottleStoreException.class)
            .hasCauseInstanceOf(SQLException.class);
        DerbyDatabase.shutdown(directory);
    }
}
