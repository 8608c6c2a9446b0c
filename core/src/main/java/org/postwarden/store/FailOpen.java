package org.postwarden.store;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way a check on the mail path fails open: when a store it needs is unavailable it lets the mail through
 * rather than refuse mail by its own fault, and says so in one wording ({@link #reason}).
 */
public final class FailOpen {
    private FailOpen() {
    }

    /** What {@code check} answers, or, when a store is unavailable, what {@code failedOpen} makes of the failure. */
    public static <T> T orElse(Supplier<T> check, Function<StoreUnavailableException, T> failedOpen) {
        try {
            return check.get();
        } catch (StoreUnavailableException e) {
            return failedOpen.apply(e);
        }
    }

    /** "The greylist store is unavailable: connection refused", for the log line or the typed outcome. */
    public static String reason(StoreUnavailableException e) {
        return e.summary() + ": " + e.getMessage();
    }
}
