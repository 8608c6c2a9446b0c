package org.postwarden.throttle;

import java.time.Duration;

/**
 * How full a window is, for administrators.
 *
 * @param used units still counted in the window, rounded up (at most the limit)
 * @param drainsIn how long until the window is empty if nothing more is consumed
 */
public record WindowUsage(WindowSpec window, long used, Duration drainsIn) {
    /** {@code user:alice@example.com#messages 5/1m}, the key of a counter snapshot. */
    public String label() {
        return window.bucket() + " " + window.limit();
    }
}
