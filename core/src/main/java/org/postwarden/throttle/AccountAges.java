package org.postwarden.throttle;

import java.time.Instant;

/**
 * When each account was first seen sending. James 3.8.1 keeps no creation date for users, so the new account tier
 * of {@link ThrottlePolicy} counts from the first message the server sees from the account.
 */
public interface AccountAges {
    /**
     * The first time {@code user} was seen, recording {@code now} when it never was. Of concurrent first calls, all
     * answer the same instant.
     *
     * @param user the normalised account name, as in {@link ThrottleKey#userName()}
     */
    Instant firstSeen(String user, Instant now);
}
