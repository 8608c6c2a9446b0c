package org.postwarden.greylist;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.postwarden.config.ConfigFile;

import com.google.common.base.Preconditions;

/**
 * Greylisting settings. The defaults are postgrey's, which large senders have long been tuned to.
 *
 * <p>Properties keys read by {@link #from(Map)}, all optional: {@code ipv4.prefix} (24), {@code ipv6.prefix}
 * (64), {@code delay} (5m), {@code retry.window} (2d), {@code expiry} (35d), {@code autowhitelist.threshold}
 * (5; 0 turns auto-whitelisting off).
 *
 * @param ipv4Prefix prefix length grouping IPv4 clients into one network, 16 to 32: coarser groups would
 *     let one passing client clear a whole provider
 * @param ipv6Prefix the same for IPv6, 32 to 128
 * @param minimumDelay how long after the first attempt a retry is accepted
 * @param retryWindow how long after the first attempt a retry is still accepted, longer than the delay
 * @param expiry how long a passed triplet, or an auto-whitelisted network, is remembered after its last pass
 * @param autoWhitelistThreshold passes after which a network is no longer greylisted; 0 turns it off
 */
public record GreylistConfiguration(int ipv4Prefix, int ipv6Prefix, Duration minimumDelay, Duration retryWindow,
                                    Duration expiry, int autoWhitelistThreshold) {
    public static final String IPV4_PREFIX = "ipv4.prefix";
    public static final String IPV6_PREFIX = "ipv6.prefix";
    public static final String DELAY = "delay";
    public static final String RETRY_WINDOW = "retry.window";
    public static final String EXPIRY = "expiry";
    public static final String AUTO_WHITELIST_THRESHOLD = "autowhitelist.threshold";

    public static final GreylistConfiguration DEFAULT = new GreylistConfiguration(24, 64,
        Duration.ofMinutes(5), Duration.ofDays(2), Duration.ofDays(35), 5);

    public GreylistConfiguration {
        Objects.requireNonNull(minimumDelay, "minimumDelay");
        Objects.requireNonNull(retryWindow, "retryWindow");
        Objects.requireNonNull(expiry, "expiry");
        Preconditions.checkArgument(ipv4Prefix >= 16 && ipv4Prefix <= 32,
            "%s must be between 16 and 32, got %s", IPV4_PREFIX, ipv4Prefix);
        Preconditions.checkArgument(ipv6Prefix >= 32 && ipv6Prefix <= 128,
            "%s must be between 32 and 128, got %s", IPV6_PREFIX, ipv6Prefix);
        Preconditions.checkArgument(!minimumDelay.isNegative(), "%s must not be negative", DELAY);
        Preconditions.checkArgument(retryWindow.compareTo(minimumDelay) > 0,
            "%s (%s) must be longer than %s (%s)", RETRY_WINDOW, retryWindow, DELAY, minimumDelay);
        Preconditions.checkArgument(!expiry.isNegative() && !expiry.isZero(), "%s must be positive", EXPIRY);
        Preconditions.checkArgument(autoWhitelistThreshold >= 0,
            "%s must not be negative, got %s", AUTO_WHITELIST_THRESHOLD, autoWhitelistThreshold);
    }

    /** Missing keys take the {@link #DEFAULT} values; bad values throw {@link IllegalArgumentException}. */
    public static GreylistConfiguration from(Map<String, String> properties) {
        return from(ConfigFile.of(GreylistConfig.FILE, properties));
    }

    /** Reads the keys above; the other keys of greylist.properties are {@link GreylistConfig}'s. */
    public static GreylistConfiguration from(ConfigFile file) {
        int ipv4Prefix = file.integer(IPV4_PREFIX, DEFAULT.ipv4Prefix);
        int ipv6Prefix = file.integer(IPV6_PREFIX, DEFAULT.ipv6Prefix);
        Duration delay = file.duration(DELAY, DEFAULT.minimumDelay);
        Duration retryWindow = file.duration(RETRY_WINDOW, DEFAULT.retryWindow);
        Duration expiry = file.duration(EXPIRY, DEFAULT.expiry);
        int threshold = file.integer(AUTO_WHITELIST_THRESHOLD, DEFAULT.autoWhitelistThreshold);
        return file.check(() -> new GreylistConfiguration(ipv4Prefix, ipv6Prefix, delay, retryWindow, expiry, threshold));
    }

    public boolean autoWhitelistEnabled() {
        return autoWhitelistThreshold > 0;
    }
}
