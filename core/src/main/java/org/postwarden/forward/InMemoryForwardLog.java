package org.postwarden.forward;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A log for a single node: forgotten at restart, and expired pairs stay until {@link #purgeExpired}. */
public final class InMemoryForwardLog implements ForwardLog {
    private final Duration window;
    private final ConcurrentMap<ForwardKey, Instant> expiries = new ConcurrentHashMap<>();

    public InMemoryForwardLog(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the deduplication window must be positive: " + window);
        }
        this.window = window;
    }

    @Override
    public boolean record(String messageId, String target, Instant now) {
        AtomicBoolean first = new AtomicBoolean();
        expiries.compute(ForwardKey.of(messageId, target), (key, expiresAt) -> {
            if (expiresAt != null && expiresAt.isAfter(now)) {
                return expiresAt;
            }
            first.set(true);
            return now.plus(window);
        });
        return first.get();
    }

    @Override
    public long purgeExpired(Instant now) {
        AtomicLong removed = new AtomicLong();
        expiries.values().removeIf(expiresAt -> !expiresAt.isAfter(now) && removed.incrementAndGet() > 0);
        return removed.get();
    }
}
