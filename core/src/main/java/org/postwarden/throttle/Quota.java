package org.postwarden.throttle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Limits on messages and on recipients, counted separately for one key. */
public record Quota(RateLimits messages, RateLimits recipients) {
    public static final Quota NONE = new Quota(RateLimits.NONE, RateLimits.NONE);

    public Quota {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(recipients, "recipients");
    }

    /** The recipient limits alone: what one more recipient of a message already counted consumes. */
    public Quota recipientsOnly() {
        return new Quota(RateLimits.NONE, recipients);
    }

    public boolean isEmpty() {
        return messages.isEmpty() && recipients.isEmpty();
    }

    /**
     * The windows one message to {@code recipientCount} recipients consumes: 1 in each message window of
     * {@code key.bucket(counter + "messages")}, {@code recipientCount} in each recipient window.
     *
     * @param counter distinguishes this quota's counters from other quotas on the same key ("" for the main one)
     */
    public List<WindowSpec> windows(ThrottleKey key, String counter, long recipientCount) {
        List<WindowSpec> windows = new ArrayList<>();
        messages.limits().forEach(limit -> windows.add(new WindowSpec(key.bucket(counter + "messages"), limit, 1)));
        recipients.limits().forEach(limit ->
            windows.add(new WindowSpec(key.bucket(counter + "recipients"), limit, recipientCount)));
        return windows;
    }
}
