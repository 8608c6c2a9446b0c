package org.postwarden.throttle;

import com.google.common.base.Preconditions;
import java.util.Objects;

/**
 * One window of one counter, and what a unit of work costs in it: a store keeps a counter per bucket and window
 * length.
 *
 * @param bucket the counter's identity, such as {@code user:alice@example.com#messages}
 * @param cost units consumed on acquisition: 1 for a message, the recipient count for recipients
 */
public record WindowSpec(String bucket, RateLimit limit, long cost) {
    /** Longest bucket a store accepts; the JDBC column is this wide. */
    public static final int MAX_BUCKET_LENGTH = 400;

    public WindowSpec {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(limit, "limit");
        Preconditions.checkArgument(!bucket.isEmpty() && bucket.length() <= MAX_BUCKET_LENGTH,
            "bucket must have 1 to %s characters", MAX_BUCKET_LENGTH);
        Preconditions.checkArgument(cost >= 0, "cost must not be negative, got %s", cost);
    }

    @Override
    public String toString() {
        return limit + " on " + bucket;
    }
}
