package org.postwarden.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The shared store, and node-local counters while it fails: an unreachable Redis neither blocks all mail nor
 * lets it through unchecked. Each node then enforces the limits on its own traffic only, so a cluster of N nodes
 * admits up to N times a limit until the shared store is back.
 *
 * <p>After a failure, the shared store is tried again at most once per {@code retryInterval}, so that an
 * outage costs one timeout per interval rather than one per message. {@link #degraded()},
 * {@link #fallbacks()} and {@link #lastFailure()} say what happened, for health checks and webadmin.
 */
public final class FallbackThrottleStore implements ThrottleStore {
    private final ThrottleStore primary;
    private final ThrottleStore local;
    private final Clock clock;
    private final Duration retryInterval;
    private final LongAdder fallbacks = new LongAdder();
    private volatile boolean degraded;
    private volatile Instant nextProbe = Instant.MIN;
    private volatile String lastFailure;

    public FallbackThrottleStore(ThrottleStore primary, ThrottleStore local, Clock clock, Duration retryInterval) {
        this.primary = primary;
        this.local = local;
        this.clock = clock;
        this.retryInterval = retryInterval;
    }

    @Override
    public Acquisition acquire(List<WindowSpec> windows, Instant now) {
        return call(store -> store.acquire(windows, now));
    }

    @Override
    public List<WindowUsage> peek(List<WindowSpec> windows, Instant now) {
        return call(store -> store.peek(windows, now));
    }

    /** Resets the local counters too, so that a later outage does not resurrect them. */
    @Override
    public void reset(String bucket) {
        local.reset(bucket);
        call(store -> {
            store.reset(bucket);
            return null;
        });
    }

    @Override
    public long purgeIdle(Instant now) {
        return local.purgeIdle(now) + call(store -> store.purgeIdle(now));
    }

    /** True from a failure of the shared store until it answers again. */
    public boolean degraded() {
        return degraded;
    }

    /** Calls answered by the local counters since this store was created. */
    public long fallbacks() {
        return fallbacks.sum();
    }

    /** The last failure of the shared store, even once it has recovered. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private <T> T call(Function<ThrottleStore, T> operation) {
        if (!degraded || !clock.instant().isBefore(nextProbe)) {
            try {
                T result = operation.apply(primary);
                degraded = false;
                return result;
            } catch (ThrottleStoreException e) {
                lastFailure = e.getMessage();
                nextProbe = clock.instant().plus(retryInterval);
                degraded = true;
            }
        }
        fallbacks.increment();
        return operation.apply(local);
    }
}
