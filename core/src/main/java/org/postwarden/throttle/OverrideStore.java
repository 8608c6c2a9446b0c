package org.postwarden.throttle;

import java.util.Map;
import java.util.Optional;

/**
 * Per-account limits set by administrators, replacing the account's tier (both units: {@link RateLimits#NONE}
 * lifts a limit). Users are {@link ThrottleKey.Kind#USER} keys. Every method throws {@link ThrottleStoreException}
 * when the backend fails.
 */
public interface OverrideStore {
    Optional<Quota> override(ThrottleKey user);

    /** Sets the account's override, replacing any previous one. */
    void setOverride(ThrottleKey user, Quota quota);

    boolean removeOverride(ThrottleKey user);

    /** All overrides, by normalised user name in alphabetical order. */
    Map<String, Quota> overrides();
}
