package org.postwarden.throttle;

import com.google.common.base.Preconditions;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the suspension audit log.
 *
 * @param user the normalised account, as in {@link ThrottleKey#value()}
 * @param reason why, in words: the threshold exceeded, or the administrator's comment
 * @param counters for a suspension, the usage of the account's windows at that moment ({@link WindowUsage#label()}
 *     to units used), in order; empty for an unsuspension
 */
public record SuspensionEvent(String user, Action action, String reason, Map<String, Long> counters, Instant at) {
    public static final int MAX_REASON_LENGTH = 1000;

    public enum Action {
        SUSPENDED,
        UNSUSPENDED
    }

    public SuspensionEvent {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Preconditions.checkArgument(reason.length() <= MAX_REASON_LENGTH,
            "reason longer than %s characters", MAX_REASON_LENGTH);
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
    }
}
