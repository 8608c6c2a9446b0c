package org.postwarden.throttle;

import java.time.Instant;
import java.util.List;

/** A shared counter store that is down: every call throws {@link ThrottleStoreException}. */
public final class FailingThrottleStore implements ThrottleStore {
    public static final String MESSAGE = "store down";

    @Override
    public Acquisition acquire(List<WindowSpec> windows, Instant now) {
        throw new ThrottleStoreException(MESSAGE);
    }

    @Override
    public List<WindowUsage> peek(List<WindowSpec> windows, Instant now) {
        throw new ThrottleStoreException(MESSAGE);
    }

    @Override
    public void reset(String bucket) {
        throw new ThrottleStoreException(MESSAGE);
    }

    @Override
    public long purgeIdle(Instant now) {
        throw new ThrottleStoreException(MESSAGE);
    }
}
