package org.postwarden.reputation;

import java.time.Instant;
import java.util.Map;

/**
 * Outcome counts per account and time bucket. The account {@link #UNATTRIBUTED} holds mail that no account sent
 * (forwards, relaying for authorised networks): it counts server-wide only. Every method throws
 * {@link ReputationStoreException} when the backend fails.
 */
public interface ReputationStore {
    String UNATTRIBUTED = "";

    /** Adds {@code units} to the account's count of the outcome in the bucket starting at {@code bucket}. */
    void add(String account, Outcome outcome, long units, Instant bucket);

    /** The account's counts in the buckets starting at or after {@code from}. */
    ReputationCounts counts(String account, Instant from);

    /** The counts of every account, unattributed mail included, in the buckets starting at or after {@code from}. */
    ReputationCounts serverWide(Instant from);

    /** The counts of each account (not of unattributed mail) with mail in the buckets starting at or after {@code from}. */
    Map<String, ReputationCounts> accounts(Instant from);

    /** Forgets the buckets starting before {@code before}; how many went (rows, for a database). */
    int purgeBefore(Instant before);
}
