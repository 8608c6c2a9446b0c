package org.postwarden.throttle.auth;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.postwarden.common.Durations;
import org.postwarden.throttle.RateLimit;

/**
 * The settings of conf/auth-guard.properties, which owns every key and default:
 * <ul>
 *   <li>{@code authFailures.perAddress} (10/10m): failed authentications from one client address (IPv6 by /64),
 *   whatever the accounts, before that address is refused</li>
 *   <li>{@code authFailures.perAddressAndAccount} (5/10m): failures for one account from one address. There is
 *   deliberately no limit per account alone: an attacker could then lock a user out from anywhere.</li>
 *   <li>{@code authFailures.delayAfter} (3): from this many failures on, each further failure is answered late</li>
 *   <li>{@code authFailures.delay} (1s, at most {@value #MAX_DELAY_SECONDS}s): how late</li>
 * </ul>
 */
public record AuthGuardConfig(RateLimit perAddress, RateLimit perAddressAndAccount, long delayAfter,
                              Duration delay) {
    public static final long MAX_DELAY_SECONDS = 5;
    static final String PER_ADDRESS = "authFailures.perAddress";
    static final String PER_ADDRESS_AND_ACCOUNT = "authFailures.perAddressAndAccount";
    static final String DELAY_AFTER = "authFailures.delayAfter";
    static final String DELAY = "authFailures.delay";
    private static final Set<String> KEYS = Set.of(PER_ADDRESS, PER_ADDRESS_AND_ACCOUNT, DELAY_AFTER, DELAY);
    public static final AuthGuardConfig DEFAULT = from(Map.of());

    public AuthGuardConfig {
        Objects.requireNonNull(perAddress, "perAddress");
        Objects.requireNonNull(perAddressAndAccount, "perAddressAndAccount");
        Objects.requireNonNull(delay, "delay");
        Preconditions.checkArgument(delayAfter >= 1, "%s must be at least 1, got %s", DELAY_AFTER, delayAfter);
        // The delay holds one of James' SMTP worker threads: keep it short so that guessers cannot exhaust them.
        Preconditions.checkArgument(!delay.isNegative() && delay.compareTo(Duration.ofSeconds(MAX_DELAY_SECONDS)) <= 0,
            "%s must be between 0s and %ss, got %s", DELAY, MAX_DELAY_SECONDS, delay);
    }

    /** @throws IllegalArgumentException naming the key and value at fault, or an unknown key */
    public static AuthGuardConfig from(Map<String, String> properties) {
        Set<String> unknown = new TreeSet<>(properties.keySet());
        unknown.removeAll(KEYS);
        Preconditions.checkArgument(unknown.isEmpty(), "unknown keys %s; known keys are %s", unknown,
            new TreeSet<>(KEYS));
        Map<String, String> values = new HashMap<>(properties);
        return new AuthGuardConfig(
            rateLimit(values, PER_ADDRESS, "10/10m"),
            rateLimit(values, PER_ADDRESS_AND_ACCOUNT, "5/10m"),
            count(values.getOrDefault(DELAY_AFTER, "3")),
            duration(values.getOrDefault(DELAY, "1s")));
    }

    /** The longest of the two windows: older failures no longer count. */
    public Duration horizon() {
        return perAddress.window().compareTo(perAddressAndAccount.window()) >= 0
            ? perAddress.window() : perAddressAndAccount.window();
    }

    private static RateLimit rateLimit(Map<String, String> values, String key, String fallback) {
        String text = values.getOrDefault(key, fallback);
        try {
            return RateLimit.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "=" + text + ": " + e.getMessage(), e);
        }
    }

    private static long count(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(DELAY_AFTER + "=" + text + ": not a whole number", e);
        }
    }

    private static Duration duration(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DELAY + "=" + text + ": " + e.getMessage(), e);
        }
    }
}
