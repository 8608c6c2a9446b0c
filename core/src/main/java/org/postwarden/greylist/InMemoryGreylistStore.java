package org.postwarden.greylist;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** A store local to one JVM, for tests and single-node demonstrations. Forgets everything on restart. */
public final class InMemoryGreylistStore implements GreylistStore {
    private final Map<GreylistTriplet, Versioned<TripletRecord>> triplets = new ConcurrentHashMap<>();
    private final Map<String, NetworkPasses> networks = new ConcurrentHashMap<>();
    private final Map<String, WhitelistEntry> whitelist = new ConcurrentHashMap<>();

    @Override
    public Optional<Versioned<TripletRecord>> triplet(GreylistTriplet triplet) {
        return Optional.ofNullable(triplets.get(triplet));
    }

    @Override
    public boolean compareAndSet(GreylistTriplet triplet, Optional<Long> expectedVersion, TripletRecord next) {
        AtomicBoolean written = new AtomicBoolean();
        triplets.compute(triplet, (key, current) -> {
            Optional<Long> currentVersion = Optional.ofNullable(current).map(Versioned::version);
            if (!currentVersion.equals(expectedVersion)) {
                return current;
            }
            written.set(true);
            return new Versioned<>(next, currentVersion.orElse(0L) + 1);
        });
        return written.get();
    }

    @Override
    public boolean deleteTriplet(GreylistTriplet triplet) {
        return triplets.remove(triplet) != null;
    }

    @Override
    public List<TripletView> triplets(TripletQuery query, Instant now) {
        return triplets.entrySet().stream()
            .filter(entry -> !entry.getValue().value().isExpired(now) && query.matches(entry.getKey()))
            .limit(query.limit())
            .map(entry -> new TripletView(entry.getKey(), entry.getValue().value()))
            .toList();
    }

    @Override
    public Optional<NetworkPasses> networkPasses(String network) {
        return Optional.ofNullable(networks.get(network));
    }

    @Override
    public long recordNetworkPass(String network, Instant now, Instant expiresAt) {
        return networks.compute(network, (key, current) -> current == null || current.isExpired(now)
                ? new NetworkPasses(network, 1, now, now, expiresAt)
                : new NetworkPasses(network, current.passCount() + 1, current.firstPass(), now, expiresAt))
            .passCount();
    }

    @Override
    public List<NetworkPasses> autoWhitelistedNetworks(long threshold, Instant now, int limit) {
        return networks.values().stream()
            .filter(passes -> !passes.isExpired(now) && passes.passCount() >= threshold)
            .limit(limit)
            .toList();
    }

    @Override
    public boolean deleteNetwork(String network) {
        return networks.remove(network) != null;
    }

    @Override
    public long purgeExpired(Instant now) {
        LongAdder purged = new LongAdder();
        triplets.values().removeIf(versioned -> counted(versioned.value().isExpired(now), purged));
        networks.values().removeIf(passes -> counted(passes.isExpired(now), purged));
        return purged.sum();
    }

    private static boolean counted(boolean expired, LongAdder purged) {
        if (expired) {
            purged.increment();
        }
        return expired;
    }

    @Override
    public void addWhitelistEntry(WhitelistEntry entry) {
        whitelist.put(entry.id(), entry);
    }

    @Override
    public boolean removeWhitelistEntry(String id) {
        return whitelist.remove(id) != null;
    }

    @Override
    public List<WhitelistEntry> whitelistEntries() {
        return whitelist.values().stream()
            .sorted(Comparator.comparing(WhitelistEntry::createdAt).thenComparing(WhitelistEntry::id))
            .toList();
    }

    @Override
    public void ping() {
    }
}
