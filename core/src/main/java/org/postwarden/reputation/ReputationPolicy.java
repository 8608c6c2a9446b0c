package org.postwarden.reputation;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.postwarden.common.Durations;
import org.postwarden.config.ConfigFile;

/**
 * When an account's outgoing mail is bad enough to suspend it: more than {@code maxBadShare} of what it sent within
 * the sliding {@code window} refused, bounced or quarantined, once it sent at least {@code minMessages} in it.
 * Counts are per remote recipient. Properties read by {@link #from(Map)}, all optional:
 * {@code window} (default 1d), {@code minMessages} (20), {@code maxBadShare} (0.10), {@code suspend} (true; false
 * only counts).
 */
public record ReputationPolicy(Duration window, long minMessages, double maxBadShare, boolean suspend) {
    /** The window slides by this fraction of itself: counts are exact to within one bucket. */
    private static final int BUCKETS_PER_WINDOW = 60;

    public ReputationPolicy {
        Objects.requireNonNull(window, "window");
        Preconditions.checkArgument(window.compareTo(Duration.ofMinutes(1)) >= 0, "window must be at least 1m, got %s",
            window);
        Preconditions.checkArgument(minMessages >= 1, "minMessages must be at least 1, got %s", minMessages);
        Preconditions.checkArgument(maxBadShare >= 0 && maxBadShare < 1,
            "maxBadShare must be a fraction from 0 (inclusive) to 1 (exclusive), got %s", maxBadShare);
    }

    /** @throws IllegalArgumentException naming the key and the bad value */
    public static ReputationPolicy from(Map<String, String> properties) {
        return from(ConfigFile.of(ReputationConfig.FILE, properties));
    }

    public static ReputationPolicy from(ConfigFile file) {
        Duration window = file.duration("window", Duration.ofDays(1));
        long minMessages = file.number("minMessages", 20, Long.MIN_VALUE, Long.MAX_VALUE);
        double maxBadShare = file.decimal("maxBadShare", 0.10);
        boolean suspend = file.flag("suspend", true);
        return file.check(() -> new ReputationPolicy(window, minMessages, maxBadShare, suspend));
    }

    public Duration bucket() {
        return window.dividedBy(BUCKETS_PER_WINDOW);
    }

    /** The window as configuration writes it: {@code 1d}, {@code 12h}, {@code 90m}, {@code 100s}. */
    public String windowLabel() {
        return Durations.format(window);
    }

    /** Whether counts this bad call for a suspension. */
    public boolean condemns(ReputationCounts counts) {
        return counts.sent() >= minMessages && counts.badShare() > maxBadShare;
    }
}
