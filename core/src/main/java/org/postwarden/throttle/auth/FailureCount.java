package org.postwarden.throttle.auth;

import java.time.Duration;
import org.postwarden.throttle.RateLimit;

/**
 * The failures an address, or an address and account, has in its window, for administrators.
 *
 * @param account empty for the counter of the whole address
 * @param failures failures still counted (they drain at the limit's rate)
 * @param refused whether the next attempt is refused
 * @param drainsIn how long until the counter is empty if nothing more fails
 */
public record FailureCount(String address, String account, long failures, RateLimit limit, boolean refused,
                           Duration drainsIn) {
}
