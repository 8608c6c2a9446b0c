package org.postwarden.greylist;

import com.google.common.base.Preconditions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the store keeps for a triplet. Instants are truncated to milliseconds, the precision of every store.
 *
 * @param firstSeen the first attempt of the current greylisting round
 * @param lastSeen the last attempt that changed the record: the first attempt while pending, the last pass after
 * @param passCount how many checks of this triplet passed
 * @param expiresAt when the store may forget the record: the end of the retry window while pending, the last
 *     pass plus the expiry period after
 */
public record TripletRecord(State state, Instant firstSeen, Instant lastSeen, long passCount, Instant expiresAt) {
    public enum State {
        /** Deferred, waiting for a retry. */
        PENDING,
        /** Retried in time; later messages pass at once. */
        PASSED
    }

    public TripletRecord {
        firstSeen = firstSeen.truncatedTo(ChronoUnit.MILLIS);
        lastSeen = lastSeen.truncatedTo(ChronoUnit.MILLIS);
        expiresAt = expiresAt.truncatedTo(ChronoUnit.MILLIS);
        Preconditions.checkArgument(passCount >= 0, "passCount must not be negative");
        Preconditions.checkArgument((state == State.PENDING) == (passCount == 0),
            "a %s record cannot have %s passes", state, passCount);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
