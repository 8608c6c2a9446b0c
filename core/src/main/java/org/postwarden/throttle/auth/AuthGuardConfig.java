package org.postwarden.throttle.auth;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.postwarden.config.ConfigFile;
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
    public static final String FILE = "auth-guard.properties";
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
        return from(ConfigFile.of(FILE, properties));
    }

    public static AuthGuardConfig from(ConfigFile file) {
        RateLimit perAddress = file.parsed(PER_ADDRESS, RateLimit.parse("10/10m"), RateLimit::parse);
        RateLimit perAddressAndAccount = file.parsed(PER_ADDRESS_AND_ACCOUNT, RateLimit.parse("5/10m"), RateLimit::parse);
        long delayAfter = file.number(DELAY_AFTER, 3, Long.MIN_VALUE, Long.MAX_VALUE);
        Duration delay = file.duration(DELAY, Duration.ofSeconds(1));
        file.rejectUnknownKeys();
        return file.check(() -> new AuthGuardConfig(perAddress, perAddressAndAccount, delayAfter, delay));
    }

    /** The longest of the two windows: older failures no longer count. */
    public Duration horizon() {
        return perAddress.window().compareTo(perAddressAndAccount.window()) >= 0
            ? perAddress.window() : perAddressAndAccount.window();
    }
}
