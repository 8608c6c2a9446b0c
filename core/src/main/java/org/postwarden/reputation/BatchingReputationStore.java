package org.postwarden.reputation;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the {@link Outcome#SENT} counts in memory until {@link #flush()}, so that relaying a message costs no
 * database write: every message is sent, and a per-message commit is most of what the guard would cost. Failures,
 * which decide suspensions, and every read flush first and go straight to the store, so this node always judges on
 * complete counts; other nodes see this node's sent mail once it is flushed, and a crash loses at most what was not.
 * When a flush fails, the counts stay buffered for the next one.
 */
public final class BatchingReputationStore implements ReputationStore {
    private record Pending(String account, Instant bucket) {
    }

    private final ReputationStore store;
    private final Map<Pending, Long> sent = new ConcurrentHashMap<>();

    public BatchingReputationStore(ReputationStore store) {
        this.store = store;
    }

    /** Writes the buffered sent counts to the store. */
    public void flush() {
        for (Pending pending : sent.keySet()) {
            Long units = sent.remove(pending);
            if (units == null) {
                continue;
            }
            try {
                store.add(pending.account(), Outcome.SENT, units, pending.bucket());
            } catch (ReputationStoreException e) {
                sent.merge(pending, units, Long::sum);
                throw e;
            }
        }
    }

    @Override
    public void add(String account, Outcome outcome, long units, Instant bucket) {
        if (outcome == Outcome.SENT) {
            sent.merge(new Pending(account, bucket), units, Long::sum);
            return;
        }
        flush();
        store.add(account, outcome, units, bucket);
    }

    @Override
    public ReputationCounts counts(String account, Instant from) {
        flush();
        return store.counts(account, from);
    }

    @Override
    public ReputationCounts serverWide(Instant from) {
        flush();
        return store.serverWide(from);
    }

    @Override
    public Map<String, ReputationCounts> accounts(Instant from) {
        flush();
        return store.accounts(from);
    }

    @Override
    public int purgeBefore(Instant before) {
        flush();
        return store.purgeBefore(before);
    }
}
