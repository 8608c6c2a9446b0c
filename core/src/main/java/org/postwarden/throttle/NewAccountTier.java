package org.postwarden.throttle;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Stricter limits for accounts younger than {@code age}, which graduate to their regular tier by growing older.
 * A unit without a limit of its own keeps the regular tier's.
 */
public record NewAccountTier(Duration age, Optional<RateLimits> messages, Optional<RateLimits> recipients) {
    public static final NewAccountTier DEFAULT = new NewAccountTier(Duration.ofDays(7),
        Optional.of(RateLimits.parse("10/1d")), Optional.empty());

    public NewAccountTier {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(recipients, "recipients");
        Preconditions.checkArgument(!age.isNegative(), "the new account age must not be negative");
    }

    /** An account of unknown creation date is not new. */
    public boolean applies(Optional<Instant> accountCreated, Instant now) {
        return accountCreated.map(created -> now.isBefore(created.plus(age))).orElse(false);
    }

    public Quota over(Quota regular) {
        return new Quota(messages.orElse(regular.messages()), recipients.orElse(regular.recipients()));
    }
}
