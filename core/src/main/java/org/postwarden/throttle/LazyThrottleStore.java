package org.postwarden.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.postwarden.common.Reopener;

/**
 * Opens the real store on first use and again after a failure to open it, at most once per {@code retryInterval}:
 * a Redis that is down when James starts must not stop the server. Until it opens, calls throw
 * {@link ThrottleStoreException}, which {@link FallbackThrottleStore} answers from node-local counters.
 */
public final class LazyThrottleStore implements ThrottleStore {
    private final Reopener<ThrottleStore> delegate;

    public LazyThrottleStore(Supplier<ThrottleStore> opener, Clock clock, Duration retryInterval) {
        this.delegate = new Reopener<>(opener, clock, retryInterval);
    }

    @Override
    public Acquisition acquire(List<WindowSpec> windows, Instant now) {
        return store().acquire(windows, now);
    }

    @Override
    public List<WindowUsage> peek(List<WindowSpec> windows, Instant now) {
        return store().peek(windows, now);
    }

    @Override
    public void reset(String bucket) {
        store().reset(bucket);
    }

    @Override
    public long purgeIdle(Instant now) {
        return store().purgeIdle(now);
    }

    private ThrottleStore store() {
        return delegate.get(failure -> new ThrottleStoreException("throttle store not connected: " + failure));
    }
}
