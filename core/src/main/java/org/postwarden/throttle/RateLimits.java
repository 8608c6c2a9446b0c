package org.postwarden.throttle;

import com.google.common.base.Preconditions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Several windows enforced together, such as {@code 5/1m, 100/1h, 500/1d}: a unit passes only when every window
 * has room for it. {@code none} stands for no limit. Windows must differ in length because a store keeps one
 * counter per bucket and window length.
 *
 * <pre>
 * rate-limits = "none" / rate-limit *( "," rate-limit )
 * </pre>
 */
public record RateLimits(List<RateLimit> limits) {
    public static final RateLimits NONE = new RateLimits(List.of());
    private static final String NONE_TEXT = "none";

    public RateLimits {
        limits = List.copyOf(limits);
        Set<Long> windows = new HashSet<>();
        for (RateLimit limit : limits) {
            Preconditions.checkArgument(windows.add(limit.windowMillis()),
                "Rate limits '%s': two limits share the window %s", joined(limits), limit.window());
        }
    }

    /** @throws IllegalArgumentException naming the bad part and the expected form */
    public static RateLimits parse(String text) {
        String trimmed = text.trim();
        if (trimmed.toLowerCase(Locale.ROOT).equals(NONE_TEXT)) {
            return NONE;
        }
        Preconditions.checkArgument(!trimmed.isEmpty(),
            "Empty rate limits: expected a list such as 5/1m, 100/1h or 'none'");
        return new RateLimits(Arrays.stream(trimmed.split(",", -1)).map(RateLimit::parse).toList());
    }

    public boolean isEmpty() {
        return limits.isEmpty();
    }

    /** The text {@link #parse} reads back. */
    @Override
    public String toString() {
        return limits.isEmpty() ? NONE_TEXT : joined(limits);
    }

    private static String joined(List<RateLimit> limits) {
        return limits.stream().map(RateLimit::name).collect(Collectors.joining(", "));
    }
}
