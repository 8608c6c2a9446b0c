package org.postwarden.reputation;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts local to one JVM, for tests and single-node demonstrations. Forgets everything on restart. */
public final class InMemoryReputationStore implements ReputationStore {
    private final Map<String, TreeMap<Instant, ReputationCounts>> buckets = new HashMap<>();

    @Override
    public synchronized void add(String account, Outcome outcome, long units, Instant bucket) {
        buckets.computeIfAbsent(account, any -> new TreeMap<>())
            .merge(bucket, ReputationCounts.NONE.plus(outcome, units), ReputationCounts::plus);
    }

    @Override
    public synchronized ReputationCounts counts(String account, Instant from) {
        return sum(buckets.getOrDefault(account, new TreeMap<>()), from);
    }

    @Override
    public synchronized ReputationCounts serverWide(Instant from) {
        return buckets.values().stream().map(account -> sum(account, from))
            .reduce(ReputationCounts.NONE, ReputationCounts::plus);
    }

    @Override
    public synchronized Map<String, ReputationCounts> accounts(Instant from) {
        Map<String, ReputationCounts> accounts = new HashMap<>();
        buckets.forEach((account, counts) -> {
            if (!account.equals(UNATTRIBUTED) && !counts.tailMap(from).isEmpty()) {
                accounts.put(account, sum(counts, from));
            }
        });
        return accounts;
    }

    @Override
    public synchronized int purgeBefore(Instant before) {
        int purged = 0;
        for (TreeMap<Instant, ReputationCounts> counts : buckets.values()) {
            Map<Instant, ReputationCounts> old = counts.headMap(before);
            purged += old.size();
            old.clear();
        }
        buckets.values().removeIf(Map::isEmpty);
        return purged;
    }

    private static ReputationCounts sum(TreeMap<Instant, ReputationCounts> counts, Instant from) {
        return counts.tailMap(from).values().stream().reduce(ReputationCounts.NONE, ReputationCounts::plus);
    }
}
