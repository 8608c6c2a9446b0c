package org.postwarden.dkim.keys;

import java.util.List;
import java.util.Optional;

/**
 * Persistence of managed DKIM keys, one per (domain, selector). Domains are compared lower-cased,
 * selectors exactly. Implementations are safe for concurrent use and throw the unchecked
 * {@link DkimKeyStoreException} when their storage fails.
 */
public interface DkimKeyStore {
    /** Inserts the key, or replaces the one stored under the same domain and selector. */
    void save(DkimKey key);

    Optional<DkimKey> find(String domain, String selector);

    /** The keys of the domain, oldest (by creation) first. */
    List<DkimKey> keys(String domain);

    /** Every key, by domain, then oldest first. */
    List<DkimKey> all();
}
