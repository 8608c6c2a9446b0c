package org.postwarden.forward;

import java.time.Instant;

/**
 * Which messages were already forwarded to which target, so that a message reaching one remote address through
 * several of our aliases (or forwarded again by a loop) leaves once. A message is its Message-ID (RFC 5322 §3.6.4),
 * as the sender's system wrote it; a target is the forward's recipient address.
 */
public interface ForwardLog {

    /**
     * Records that {@code messageId} is forwarded to {@code target} at {@code now}. Atomic: of concurrent calls with
     * the same pair, one only sees {@code true}.
     *
     * @return true the first time within the window (the forward goes out), false for a duplicate (it does not)
     * @throws ForwardLogException when the log cannot be read or written
     */
    boolean record(String messageId, String target, Instant now);

    /** Forgets the pairs whose window ended at {@code now}; returns how many. */
    long purgeExpired(Instant now);
}
