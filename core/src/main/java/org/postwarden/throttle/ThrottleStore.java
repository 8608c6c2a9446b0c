package org.postwarden.throttle;

import java.time.Instant;
import java.util.List;

/**
 * Rate counters shared by whoever uses the same store. Stores keep {@link Gcra} state and offer one atomic
 * primitive; {@link Throttler} decides what the answers mean. Every method throws {@link ThrottleStoreException}
 * when the backend fails.
 */
public interface ThrottleStore {
    /**
     * Consumes {@code window.cost()} in every window if all of them have room at {@code now}, and nothing
     * otherwise, atomically with respect to every other acquisition on the store (from any node). The windows may
     * span several buckets; two of them must not share a bucket and window length.
     */
    Acquisition acquire(List<WindowSpec> windows, Instant now);

    /** The usage of each window at {@code now}, in the given order; consumes nothing. */
    List<WindowUsage> peek(List<WindowSpec> windows, Instant now);

    /** Forgets every window of the bucket. */
    void reset(String bucket);

    /** Deletes the state of windows idle long enough to be empty; returns how many went (0 when the backend
     * expires them itself). */
    long purgeIdle(Instant now);
}
