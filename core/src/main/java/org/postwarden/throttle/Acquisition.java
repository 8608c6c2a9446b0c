package org.postwarden.throttle;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.util.Optional;

/**
 * What a store answered to an acquisition: all windows consumed, or none.
 *
 * @param deniedBy the window that must drain longest before the same acquisition could pass
 * @param retryAfter how long that takes; zero when allowed
 */
public record Acquisition(Status status, Optional<WindowSpec> deniedBy, Duration retryAfter) {
    public static final Acquisition ALLOWED = new Acquisition(Status.ALLOWED, Optional.empty(), Duration.ZERO);

    public enum Status {
        ALLOWED,
        /** Over a limit now; the same acquisition passes after {@code retryAfter} if nothing else is consumed. */
        DENIED,
        /** The cost alone exceeds a window's limit: it never passes. */
        OVER_CAPACITY
    }

    public Acquisition {
        Preconditions.checkArgument(deniedBy.isEmpty() == (status == Status.ALLOWED),
            "only denials name a window");
    }

    public static Acquisition denied(Status status, WindowSpec window, Duration retryAfter) {
        return new Acquisition(status, Optional.of(window), retryAfter);
    }

    public boolean allowed() {
        return status == Status.ALLOWED;
    }
}
