package org.postwarden.throttle;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.util.Objects;
import org.postwarden.common.Durations;

/**
 * At most {@code limit} units (messages or recipients) per sliding {@code window}, written {@code 100/1h}.
 * Windows are whole milliseconds, and {@code limit * window} in milliseconds stays below 2<sup>53</sup> so that
 * the Redis Lua script, whose numbers are doubles, computes exactly what the Java stores compute.
 *
 * <pre>
 * rate-limit = count "/" duration      ; count &gt;= 1, duration as in {@link Durations#parse}
 * </pre>
 *
 * @param name the limit as written, shown in decisions and usage reports
 */
public record RateLimit(String name, long limit, Duration window) {
    private static final long MAX_CAPACITY = 1L << 53;

    public RateLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        Preconditions.checkArgument(limit >= 1, "Rate limit '%s': the count must be at least 1", name);
        Preconditions.checkArgument(window.compareTo(Duration.ofMillis(1)) >= 0
                && window.compareTo(Duration.ofMillis(MAX_CAPACITY)) <= 0
                && window.equals(Duration.ofMillis(window.toMillis())),
            "Rate limit '%s': the window must be a whole number of milliseconds, at least 1ms", name);
        Preconditions.checkArgument(window.toMillis() <= MAX_CAPACITY / limit,
            "Rate limit '%s': count times window in milliseconds must stay below 2^53", name);
    }

    /** @throws IllegalArgumentException naming the bad input and the expected form */
    public static RateLimit parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("Invalid rate limit '" + text
                + "': expected <count>/<duration> such as 100/1h");
        }
        String count = trimmed.substring(0, slash).trim();
        String window = trimmed.substring(slash + 1).trim();
        long limit;
        try {
            limit = Long.parseLong(count);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid rate limit '" + text + "': '" + count
                + "' is not a whole number", e);
        }
        return new RateLimit(limit + "/" + window, limit, Durations.parse(window));
    }

    public long windowMillis() {
        return window.toMillis();
    }

    @Override
    public String toString() {
        return name;
    }
}
