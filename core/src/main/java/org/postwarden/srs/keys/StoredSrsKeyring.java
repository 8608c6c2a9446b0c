package org.postwarden.srs.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.postwarden.srs.Srs;
import org.postwarden.srs.SrsConfiguration;

/**
 * Secrets rotated over webadmin and kept in an {@link SrsSecretStore}: the newest secret not retired signs; every
 * secret verifies until addresses it signed would have expired anyway ({@link SrsSecretRecord#verifiesUntil}), and
 * is then purged. The {@link Srs} is rebuilt after each change made here and on each {@link #refresh()}, which the
 * server runs periodically to see the rotations of other nodes.
 */
public final class StoredSrsKeyring implements SrsKeyring {
    private static final int SECRET_BYTES = 32;

    private final SrsSecretStore store;
    private final SrsConfiguration configuration;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Srs srs;

    private StoredSrsKeyring(SrsSecretStore store, SrsConfiguration configuration, Clock clock) {
        this.store = store;
        this.configuration = configuration;
        this.clock = clock;
    }

    /**
     * A keyring over {@code store}. When no stored secret may sign (first start), one is added: {@code seed} when the
     * store is empty and one is given (the secret an earlier version kept in a file, so that its addresses still
     * reverse), else a new random one.
     *
     * @throws SrsSecretStoreException when the store cannot be read or written
     */
    public static StoredSrsKeyring open(SrsSecretStore store, SrsConfiguration configuration, Clock clock,
                                        Optional<String> seed) {
        StoredSrsKeyring keyring = new StoredSrsKeyring(store, configuration, clock);
        List<SrsSecretRecord> records = store.list();
        if (signing(records).isEmpty()) {
            String secret = records.isEmpty() ? seed.orElseGet(keyring::newSecret) : keyring.newSecret();
            store.add(SrsSecretRecord.create(secret, clock.instant()));
        }
        keyring.refresh();
        return keyring;
    }

    @Override
    public Srs srs() {
        return srs;
    }

    @Override
    public List<SrsSecretStatus> secrets() {
        List<SrsSecretRecord> records = store.list();
        Optional<SrsSecretRecord> signing = signing(records);
        return records.stream().map(record -> new SrsSecretStatus(record.id(), Optional.of(record.createdAt()),
            signing.map(record::equals).orElse(false), record.retiredAt(),
            record.verifiesUntil(configuration.maxAgeDays()))).toList();
    }

    @Override
    public synchronized SrsSecretStatus rotate() {
        SrsSecretRecord created = SrsSecretRecord.create(newSecret(), clock.instant());
        store.add(created);
        for (SrsSecretRecord record : store.list()) {
            if (!record.isRetired() && !record.id().equals(created.id())) {
                store.retire(record.id(), created.createdAt());
            }
        }
        refresh();
        return new SrsSecretStatus(created.id(), Optional.of(created.createdAt()), true, Optional.empty(), Optional.empty());
    }

    @Override
    public synchronized void remove(String id) {
        List<SrsSecretRecord> records = store.list();
        if (records.stream().noneMatch(record -> record.id().equals(id))) {
            throw new SrsKeyringException(SrsKeyringException.Reason.UNKNOWN_SECRET, "No SRS secret " + id);
        }
        if (signing(records).map(record -> record.id().equals(id)).orElse(false)) {
            throw new SrsKeyringException(SrsKeyringException.Reason.SIGNING_SECRET,
                "The SRS secret " + id + " signs: rotate first, then remove it");
        }
        store.remove(id);
        refresh();
    }

    /**
     * Purges the secrets whose addresses have all expired and rebuilds the {@link Srs} from the store. Without a
     * signing secret in the store (emptied by hand), the current {@link Srs} stays.
     *
     * @throws SrsSecretStoreException when the store cannot be read or written; the current {@link Srs} stays
     * @throws IllegalStateException when the store holds no signing secret
     */
    public synchronized void refresh() {
        Instant now = clock.instant();
        List<SrsSecretRecord> kept = new ArrayList<>();
        for (SrsSecretRecord record : store.list()) {
            if (record.verifiesUntil(configuration.maxAgeDays()).map(until -> !now.isBefore(until)).orElse(false)) {
                store.remove(record.id());
            } else {
                kept.add(record);
            }
        }
        SrsSecretRecord signing = signing(kept).orElseThrow(() ->
            new IllegalStateException("the SRS secret store holds no signing secret; the previous secrets stay in use"));
        List<String> secrets = new ArrayList<>();
        secrets.add(signing.secret());
        kept.stream().filter(record -> !record.equals(signing)).map(SrsSecretRecord::secret).forEach(secrets::add);
        srs = configuration.srs(secrets, clock);
    }

    /** The newest secret not retired; several only after concurrent rotations on different nodes. */
    private static Optional<SrsSecretRecord> signing(List<SrsSecretRecord> records) {
        return records.stream().filter(record -> !record.isRetired())
            .max(Comparator.comparing(SrsSecretRecord::createdAt).thenComparing(SrsSecretRecord::id));
    }

    private String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
