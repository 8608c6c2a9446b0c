package org.postwarden.throttle.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.testing.DerbyDatabase;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleStoreContract;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.WindowSpec;
import org.postwarden.throttle.jdbc.JdbcThrottleStore;

class EmbeddedThrottleStoreTest implements ThrottleStoreContract {
    private static final WindowSpec MINUTE = ThrottleStoreContract.window(BUCKET, FIVE_PER_MINUTE, 1);
    private static final WindowSpec DAY = ThrottleStoreContract.window(BUCKET, THREE_PER_DAY, 1);
    private static final int CACHE_MB = 4;

    @TempDir
    Path directory;

    private EmbeddedThrottleStore store;

    @BeforeEach
    void open() {
        store = EmbeddedThrottleStore.open(file(), CACHE_MB);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public ThrottleStore store() {
        return store;
    }

    private Path file() {
        return directory.resolve("var/store/throttle.mv.db");
    }

    private EmbeddedThrottleStore reopen() {
        store = EmbeddedThrottleStore.open(file(), CACHE_MB);
        return store;
    }

    @Test
    void countersShouldSurviveReopeningTheStore() {
        for (int i = 0; i < 3; i++) {
            store.acquire(List.of(MINUTE, DAY), NOW);
        }
        store.close();

        assertThat(reopen().acquire(List.of(MINUTE, DAY), NOW.plusSeconds(60)).deniedBy()).contains(DAY);
    }

    /** The documented write-behind: counted, then a crash a few write delays later keeps the counts. */
    @Test
    void countersShouldReachTheFileWithinTheWriteDelay() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            store.acquire(List.of(MINUTE, DAY), NOW);
        }
        Thread.sleep(EmbeddedThrottleStore.WRITE_DELAY.multipliedBy(5).toMillis());
        store.file().abandon();

        assertThat(reopen().acquire(List.of(MINUTE, DAY), NOW.plusSeconds(60)).deniedBy()).contains(DAY);
    }

    @Test
    void aResetShouldSurviveACrashStraightAfterIt() {
        WindowSpec other = ThrottleStoreContract.window(OTHER_BUCKET, FIVE_PER_MINUTE, 1);
        store.acquire(List.of(MINUTE, DAY, other), NOW);
        store.file().commitDurably();
        store.reset(BUCKET);
        store.file().abandon();

        EmbeddedThrottleStore after = reopen();

        assertThat(after.peek(List.of(MINUTE, DAY, other), NOW).stream().map(usage -> usage.used()))
            .containsExactly(0L, 0L, 1L);
    }

    @Test
    void purgingShouldDeleteDrainedWindows() {
        store.acquire(List.of(MINUTE, DAY), NOW);

        assertThat(store.purgeIdle(NOW.plusSeconds(60))).isEqualTo(1);
        assertThat(store.purgeIdle(NOW.plusSeconds(86_400))).isEqualTo(1);
    }

    @Test
    void aResetShouldNotTouchABucketThatMerelyStartsWithTheSameName() {
        WindowSpec longer = ThrottleStoreContract.window(BUCKET + "x", FIVE_PER_MINUTE, 1);
        store.acquire(List.of(MINUTE, longer), NOW);

        store.reset(BUCKET);

        assertThat(store.peek(List.of(MINUTE, longer), NOW).stream().map(usage -> usage.used()))
            .containsExactly(0L, 1L);
    }

    @Test
    void openingShouldFailWithStoreExceptionWhileTheFileIsOpen() {
        assertThatThrownBy(() -> EmbeddedThrottleStore.open(file(), CACHE_MB))
            .isInstanceOf(ThrottleStoreException.class)
            .hasMessageContaining("throttle.mv.db");
    }

    @Test
    void acquisitionsShouldThrowStoreExceptionOnceClosed() {
        store.close();

        assertThatThrownBy(() -> store.acquire(List.of(MINUTE), NOW)).isInstanceOf(ThrottleStoreException.class);
    }

    @Test
    void theFirstStartShouldImportTheCountersOfTheDatabaseTable(@TempDir Path database) {
        EmbeddedDataSource dataSource = DerbyDatabase.create(database);
        JdbcThrottleStore before = new JdbcThrottleStore(dataSource);
        WindowSpec other = ThrottleStoreContract.window(OTHER_BUCKET, FIVE_PER_MINUTE, 1);
        for (int i = 0; i < 3; i++) {
            before.acquire(List.of(MINUTE, DAY), NOW);
        }
        before.acquire(List.of(other), NOW);

        assertThat(JdbcThrottleImport.once(store, dataSource)).isEqualTo(3);
        store.file().abandon();
        EmbeddedThrottleStore after = reopen();

        assertThat(after.peek(List.of(MINUTE, DAY, other), NOW).stream().map(usage -> usage.used()))
            .containsExactly(3L, 3L, 1L);
        assertThat(after.acquire(List.of(MINUTE, DAY), NOW.plusSeconds(60)).deniedBy()).contains(DAY);
        assertThat(JdbcThrottleImport.once(after, dataSource)).isZero();
        DerbyDatabase.shutdown(database);
    }
}
