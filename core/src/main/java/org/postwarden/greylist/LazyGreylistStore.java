package org.postwarden.greylist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.postwarden.common.Reopener;

/**
 * Opens the real store on first use and again after a failure to open it, at most once per {@code retryInterval}:
 * a Redis that is down when James starts must not stop the server, only make greylisting fail open until it is back.
 */
public final class LazyGreylistStore implements GreylistStore {
    private final Reopener<GreylistStore> delegate;

    public LazyGreylistStore(Supplier<GreylistStore> opener, Clock clock, Duration retryInterval) {
        this.delegate = new Reopener<>(opener, clock, retryInterval);
    }

    private GreylistStore store() {
        return delegate.get(failure -> new GreylistStoreException("greylist store not connected: " + failure));
    }

    @Override
    public Optional<Versioned<TripletRecord>> triplet(GreylistTriplet triplet) {
        return store().triplet(triplet);
    }

    @Override
    public boolean compareAndSet(GreylistTriplet triplet, Optional<Long> expectedVersion, TripletRecord next) {
        return store().compareAndSet(triplet, expectedVersion, next);
    }

    @Override
    public boolean deleteTriplet(GreylistTriplet triplet) {
        return store().deleteTriplet(triplet);
    }

    @Override
    public List<TripletView> triplets(TripletQuery query, Instant now) {
        return store().triplets(query, now);
    }

    @Override
    public Optional<NetworkPasses> networkPasses(String network) {
        return store().networkPasses(network);
    }

    @Override
    public long recordNetworkPass(String network, Instant now, Instant expiresAt) {
        return store().recordNetworkPass(network, now, expiresAt);
    }

    @Override
    public List<NetworkPasses> autoWhitelistedNetworks(long threshold, Instant now, int limit) {
        return store().autoWhitelistedNetworks(threshold, now, limit);
    }

    @Override
    public boolean deleteNetwork(String network) {
        return store().deleteNetwork(network);
    }

    @Override
    public long purgeExpired(Instant now) {
        return store().purgeExpired(now);
    }

    @Override
    public void addWhitelistEntry(WhitelistEntry entry) {
        store().addWhitelistEntry(entry);
    }

    @Override
    public boolean removeWhitelistEntry(String id) {
        return store().removeWhitelistEntry(id);
    }

    @Override
    public List<WhitelistEntry> whitelistEntries() {
        return store().whitelistEntries();
    }

    @Override
    public void ping() {
        store().ping();
    }
}
