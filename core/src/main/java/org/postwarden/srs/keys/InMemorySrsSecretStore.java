package org.postwarden.srs.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Secrets in this node's memory: for tests and single-node setups without a database. */
public final class InMemorySrsSecretStore implements SrsSecretStore {
    private final Map<String, SrsSecretRecord> records = new LinkedHashMap<>();

    @Override
    public synchronized List<SrsSecretRecord> list() {
        List<SrsSecretRecord> all = new ArrayList<>(records.values());
        all.sort(Comparator.comparing(SrsSecretRecord::createdAt).thenComparing(SrsSecretRecord::id));
        return all;
    }

    @Override
    public synchronized boolean add(SrsSecretRecord record) {
        return records.putIfAbsent(record.id(), record) == null;
    }

    @Override
    public synchronized boolean retire(String id, Instant at) {
        SrsSecretRecord record = records.get(id);
        if (record == null || record.isRetired()) {
            return false;
        }
        records.put(id, new SrsSecretRecord(id, record.secret(), record.createdAt(), Optional.of(at)));
        return true;
    }

    @Override
    public synchronized boolean remove(String id) {
        return records.remove(id) != null;
    }
}
