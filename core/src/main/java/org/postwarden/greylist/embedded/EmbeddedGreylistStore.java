package org.postwarden.greylist.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.h2.mvstore.MVMap;
import org.postwarden.common.embedded.EmbeddedFile;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.GreylistStoreException;
import org.postwarden.greylist.GreylistTriplet;
import org.postwarden.greylist.NetworkPasses;
import org.postwarden.greylist.TripletQuery;
import org.postwarden.greylist.TripletRecord;
import org.postwarden.greylist.TripletView;
import org.postwarden.greylist.Versioned;
import org.postwarden.greylist.WhitelistEntry;

/**
 * The single-node default: triplets, network passes and whitelist entries in one H2 MVStore file on this node's
 * disk ({@link EmbeddedFile}), read from its page cache without a database round trip or a transaction. Only this
 * JVM writes the file, so compare-and-set and counting are made atomic by locks striped over the keys.
 *
 * <p>Durability: a triplet's first pass (PENDING to PASSED, or created PASSED), the deletion of a passed triplet or
 * of a network, and whitelist changes are forced to the disk before the method returns; a new PENDING triplet (and
 * its deletion), a known triplet's later passes (its expiry pushed on) and network pass counts are written within
 * {@link #WRITE_DELAY}. Losing those in a crash costs at most a sender one more deferral, or a network
 * one pass less toward auto-whitelisting.
 */
public final class EmbeddedGreylistStore implements GreylistStore, AutoCloseable {
    /** Losing the last second costs a sender one more deferral at most (see above). */
    public static final Duration WRITE_DELAY = Duration.ofSeconds(1);
    private static final int LOCK_STRIPES = 256;

    private final EmbeddedFile file;
    private final MVMap<String, long[]> triplets;
    private final MVMap<String, long[]> networks;
    private final MVMap<String, Object[]> whitelist;
    private final Object[] locks = new Object[LOCK_STRIPES];

    EmbeddedGreylistStore(EmbeddedFile file) {
        this.file = file;
        this.triplets = file.map("greylist.triplets");
        this.networks = file.map("greylist.networks");
        this.whitelist = file.map("greylist.whitelist");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * Opens (or creates) the store's file.
     *
     * @throws GreylistStoreException when the file cannot be opened, e.g. while another process holds it
     */
    public static EmbeddedGreylistStore open(Path path, int cacheMegabytes) {
        try {
            return new EmbeddedGreylistStore(EmbeddedFile.open(path, cacheMegabytes, WRITE_DELAY));
        } catch (RuntimeException e) {
            throw new GreylistStoreException("cannot open the embedded greylist store " + path + ": "
                + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Versioned<TripletRecord>> triplet(GreylistTriplet triplet) {
        return guarded("read a triplet",
            () -> Optional.ofNullable(triplets.get(GreylistRows.key(triplet))).map(GreylistRows::triplet));
    }

    @Override
    public boolean compareAndSet(GreylistTriplet triplet, Optional<Long> expectedVersion, TripletRecord next) {
        String key = GreylistRows.key(triplet);
        boolean firstPass;
        synchronized (lock(key)) {
            long[] current = guarded("read a triplet", () -> triplets.get(key));
            Optional<Long> currentVersion = Optional.ofNullable(current).map(GreylistRows::version);
            if (!currentVersion.equals(expectedVersion)) {
                return false;
            }
            firstPass = next.state() == TripletRecord.State.PASSED && (current == null || GreylistRows.isPending(current));
            guarded("write a triplet", () -> triplets.put(key, GreylistRows.triplet(next, currentVersion.orElse(0L) + 1)));
        }
        if (firstPass) {
            durably("store a passed triplet");
        }
        return true;
    }

    @Override
    public boolean deleteTriplet(GreylistTriplet triplet) {
        String key = GreylistRows.key(triplet);
        long[] deleted;
        synchronized (lock(key)) {
            deleted = guarded("delete a triplet", () -> triplets.remove(key));
        }
        if (deleted != null && !GreylistRows.isPending(deleted)) {
            durably("delete a passed triplet");
        }
        return deleted != null;
    }

    @Override
    public List<TripletView> triplets(TripletQuery query, Instant now) {
        return guarded("list triplets", () -> {
            List<TripletView> views = new ArrayList<>();
            Iterator<Map.Entry<String, long[]>> entries = triplets.entrySet().iterator();
            while (entries.hasNext() && views.size() < query.limit()) {
                Map.Entry<String, long[]> entry = entries.next();
                if (GreylistRows.expiresAt(entry.getValue()) <= now.toEpochMilli()) {
                    continue;
                }
                GreylistTriplet triplet = GreylistRows.triplet(entry.getKey());
                if (query.matches(triplet)) {
                    views.add(new TripletView(triplet, GreylistRows.record(entry.getValue())));
                }
            }
            return views;
        });
    }

    @Override
    public Optional<NetworkPasses> networkPasses(String network) {
        return guarded("read a network",
            () -> Optional.ofNullable(networks.get(network)).map(row -> GreylistRows.network(network, row)));
    }

    @Override
    public long recordNetworkPass(String network, Instant now, Instant expiresAt) {
        synchronized (lock(network)) {
            return guarded("count a network pass", () -> {
                Optional<NetworkPasses> current = Optional.ofNullable(networks.get(network))
                    .map(row -> GreylistRows.network(network, row))
                    .filter(passes -> !passes.isExpired(now));
                NetworkPasses next = current
                    .map(passes -> new NetworkPasses(network, passes.passCount() + 1, passes.firstPass(), now, expiresAt))
                    .orElseGet(() -> new NetworkPasses(network, 1, now, now, expiresAt));
                networks.put(network, GreylistRows.network(next));
                return next.passCount();
            });
        }
    }

    @Override
    public List<NetworkPasses> autoWhitelistedNetworks(long threshold, Instant now, int limit) {
        return guarded("list networks", () -> {
            List<NetworkPasses> listed = new ArrayList<>();
            Iterator<Map.Entry<String, long[]>> entries = networks.entrySet().iterator();
            while (entries.hasNext() && listed.size() < limit) {
                Map.Entry<String, long[]> entry = entries.next();
                NetworkPasses passes = GreylistRows.network(entry.getKey(), entry.getValue());
                if (!passes.isExpired(now) && passes.passCount() >= threshold) {
                    listed.add(passes);
                }
            }
            return listed;
        });
    }

    @Override
    public boolean deleteNetwork(String network) {
        boolean deleted;
        synchronized (lock(network)) {
            deleted = guarded("delete a network", () -> networks.remove(network)) != null;
        }
        if (deleted) {
            durably("delete a network");
        }
        return deleted;
    }

    @Override
    public long purgeExpired(Instant now) {
        long purged = purge(triplets, GreylistRows::expiresAt, now) + purge(networks, GreylistRows::networkExpiresAt, now);
        if (purged > 0) {
            durably("purge expired records");
        }
        return purged;
    }

    @Override
    public void addWhitelistEntry(WhitelistEntry entry) {
        guarded("store a whitelist entry", () -> whitelist.put(entry.id(), GreylistRows.whitelist(entry)));
        durably("store a whitelist entry");
    }

    @Override
    public boolean removeWhitelistEntry(String id) {
        boolean removed = guarded("remove a whitelist entry", () -> whitelist.remove(id)) != null;
        if (removed) {
            durably("remove a whitelist entry");
        }
        return removed;
    }

    @Override
    public List<WhitelistEntry> whitelistEntries() {
        return guarded("list whitelist entries", () -> whitelist.entrySet().stream()
            .map(entry -> GreylistRows.whitelist(entry.getKey(), entry.getValue()))
            .sorted(Comparator.comparing(WhitelistEntry::createdAt).thenComparing(WhitelistEntry::id))
            .toList());
    }

    @Override
    public void ping() {
        guarded("ping", () -> null);
    }

    /** Writes what is pending and closes the file. */
    @Override
    public void close() {
        file.close();
    }

    /** Writes a record as it was read from another store, version included; not forced to the disk. */
    void restore(GreylistTriplet triplet, TripletRecord record, long version) {
        triplets.put(GreylistRows.key(triplet), GreylistRows.triplet(record, version));
    }

    void restore(NetworkPasses passes) {
        networks.put(passes.network(), GreylistRows.network(passes));
    }

    void restore(WhitelistEntry entry) {
        whitelist.put(entry.id(), GreylistRows.whitelist(entry));
    }

    EmbeddedFile file() {
        return file;
    }

    /** Each removal re-checks the expiry under the key's lock, so a record renewed meanwhile stays. */
    private long purge(MVMap<String, long[]> map, ToLongFunction<long[]> expiry, Instant now) {
        return guarded("purge expired records", () -> {
            long purged = 0;
            long millis = now.toEpochMilli();
            List<String> expired = new ArrayList<>();
            map.entrySet().forEach(entry -> {
                if (expiry.applyAsLong(entry.getValue()) <= millis) {
                    expired.add(entry.getKey());
                }
            });
            for (String key : expired) {
                synchronized (lock(key)) {
                    long[] row = map.get(key);
                    if (row != null && expiry.applyAsLong(row) <= millis) {
                        map.remove(key);
                        purged++;
                    }
                }
            }
            return purged;
        });
    }

    private Object lock(String key) {
        return locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    }

    private void durably(String action) {
        guarded(action, () -> {
            file.commitDurably();
            return null;
        });
    }

    private <T> T guarded(String action, Supplier<T> work) {
        try {
            file.checkOpen();
            return work.get();
        } catch (GreylistStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GreylistStoreException("Embedded greylist store failed to " + action + ": " + e.getMessage(), e);
        }
    }
}
