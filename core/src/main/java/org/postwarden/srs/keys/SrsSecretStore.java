package org.postwarden.srs.keys;

import java.time.Instant;
import java.util.List;

/**
 * Where the SRS secrets live, shared by the nodes of a cluster so that any node reverses what another signed. Every
 * method throws {@link SrsSecretStoreException} when the store cannot be read or written.
 */
public interface SrsSecretStore {
    /** Every stored secret, oldest first. */
    List<SrsSecretRecord> list();

    /** Stores a secret; false, changing nothing, when one with the same id is already stored. */
    boolean add(SrsSecretRecord record);

    /** Marks a secret retired at {@code at}; false when there is no such secret or it was retired already. */
    boolean retire(String id, Instant at);

    /** Forgets a secret; false when there is no such secret. */
    boolean remove(String id);
}
