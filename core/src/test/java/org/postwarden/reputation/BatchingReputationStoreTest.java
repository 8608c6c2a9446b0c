package org.postwarden.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchingReputationStoreTest implements ReputationStoreContract {
    private final InMemoryReputationStore backend = new InMemoryReputationStore();
    private final BatchingReputationStore store = new BatchingReputationStore(backend);

    @Override
    public ReputationStore store() {
        return store;
    }

    @Test
    void sentMailShouldReachTheBackendOnlyWhenFlushed() {
        store.add("alice@example.com", Outcome.SENT, 3, EARLY);
        store.add("alice@example.com", Outcome.SENT, 2, EARLY);

        assertThat(backend.counts("alice@example.com", EARLY)).isEqualTo(ReputationCounts.NONE);
        store.flush();
        assertThat(backend.counts("alice@example.com", EARLY)).isEqualTo(new ReputationCounts(5, 0, 0, 0));
    }

    @Test
    void aFailureShouldBeJudgedAgainstEverySentMessage() {
        store.add("alice@example.com", Outcome.SENT, 9, EARLY);
        store.add("alice@example.com", Outcome.REFUSED, 1, EARLY);

        assertThat(backend.counts("alice@example.com", EARLY)).isEqualTo(new ReputationCounts(9, 1, 0, 0));
    }

    @Test
    void countsThatCouldNotBeFlushedShouldWaitForTheNextFlush() {
        FailingOnce failing = new FailingOnce(backend);
        BatchingReputationStore batching = new BatchingReputationStore(failing);
        batching.add("alice@example.com", Outcome.SENT, 4, EARLY);

        assertThatThrownBy(batching::flush).isInstanceOf(ReputationStoreException.class);
        batching.flush();
        assertThat(backend.counts("alice@example.com", EARLY)).isEqualTo(new ReputationCounts(4, 0, 0, 0));
    }

    @Test
    void concurrentSendsAndFlushesShouldLoseNothing() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4_000; i++) {
            senders.execute(() -> store.add("alice@example.com", Outcome.SENT, 1, EARLY));
            if (i % 100 == 0) {
                senders.execute(store::flush);
            }
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(store.counts("alice@example.com", EARLY).sent()).isEqualTo(4_000);
    }

    /** Fails its first add, as a database that is briefly away. */
    private static final class FailingOnce implements ReputationStore {
        private final ReputationStore store;
        private boolean failed;

        FailingOnce(ReputationStore store) {
            this.store = store;
        }

        @Override
        public void add(String account, Outcome outcome, long units, Instant bucket) {
            if (!failed) {
                failed = true;
                throw new ReputationStoreException("database away", null);
            }
            store.add(account, outcome, units, bucket);
        }

        @Override
        public ReputationCounts counts(String account, Instant from) {
            return store.counts(account, from);
        }

        @Override
        public ReputationCounts serverWide(Instant from) {
            return store.serverWide(from);
        }

        @Override
        public Map<String, ReputationCounts> accounts(Instant from) {
            return store.accounts(from);
        }

        @Override
        public int purgeBefore(Instant before) {
            return store.purgeBefore(before);
        }
    }
}
