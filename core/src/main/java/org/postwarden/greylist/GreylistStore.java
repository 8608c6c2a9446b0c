package org.postwarden.greylist;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Greylisting state shared by every node: triplets, network pass counters and the admin whitelist.
 * Stores only keep data and offer atomic primitives; {@link GreylistRules} decides.
 *
 * <p>Every method throws {@link GreylistStoreException} when the backend fails. Records carry their own
 * expiry, so readers must not rely on the store having removed expired ones: {@link #triplet} and
 * {@link #networkPasses} may return them, listings skip them, {@link #purgeExpired} deletes them.
 */
public interface GreylistStore {
    Optional<Versioned<TripletRecord>> triplet(GreylistTriplet triplet);

    /**
     * Stores {@code next} if the triplet's current version is {@code expectedVersion}, or, when that is empty,
     * if the triplet has no record. Returns false, changing nothing, otherwise: the caller reads and retries.
     */
    boolean compareAndSet(GreylistTriplet triplet, Optional<Long> expectedVersion, TripletRecord next);

    boolean deleteTriplet(GreylistTriplet triplet);

    /** Unexpired triplets matching the query, at most {@code query.limit()}, in no particular order. */
    List<TripletView> triplets(TripletQuery query, Instant now);

    Optional<NetworkPasses> networkPasses(String network);

    /**
     * Atomically adds one pass to the network, restarting from 1 when its record is absent or expired, sets its
     * last pass to {@code now} and its expiry to {@code expiresAt}. Returns the new pass count.
     */
    long recordNetworkPass(String network, Instant now, Instant expiresAt);

    /** Unexpired networks with at least {@code threshold} passes, at most {@code limit}, in no particular order. */
    List<NetworkPasses> autoWhitelistedNetworks(long threshold, Instant now, int limit);

    boolean deleteNetwork(String network);

    /** Deletes the triplets and networks expired at {@code now}; returns how many records went. */
    long purgeExpired(Instant now);

    /** Adds the entry, or replaces the one with the same id. */
    void addWhitelistEntry(WhitelistEntry entry);

    boolean removeWhitelistEntry(String id);

    /** All entries, oldest first. */
    List<WhitelistEntry> whitelistEntries();

    /** Returns when the backend answers, throws {@link GreylistStoreException} otherwise. */
    void ping();
}
