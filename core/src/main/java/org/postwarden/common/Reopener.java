package org.postwarden.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import org.postwarden.store.StoreUnavailableException;

/**
 * Opens something on first use and again after a failure to open it, at most once per {@code retryInterval}: a
 * Redis that is down when James starts must not stop the server. Only a {@link StoreUnavailableException} counts
 * as "not open yet"; any other exception escapes as it is.
 */
public final class Reopener<T> {
    private final Supplier<T> opener;
    private final Clock clock;
    private final Duration retryInterval;
    private volatile T opened;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile String lastFailure = "not opened yet";

    public Reopener(Supplier<T> opener, Clock clock, Duration retryInterval) {
        this.opener = opener;
        this.clock = clock;
        this.retryInterval = retryInterval;
    }

    /** The opened value; while it cannot be opened, {@code notOpen} applied to the last failure's message is thrown. */
    public T get(Function<String, RuntimeException> notOpen) {
        T current = opened;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (opened == null && !clock.instant().isBefore(nextAttempt)) {
                try {
                    opened = opener.get();
                } catch (StoreUnavailableException e) {
                    lastFailure = e.getMessage();
                    nextAttempt = clock.instant().plus(retryInterval);
                }
            }
            if (opened == null) {
                throw notOpen.apply(lastFailure);
            }
            return opened;
        }
    }
}
