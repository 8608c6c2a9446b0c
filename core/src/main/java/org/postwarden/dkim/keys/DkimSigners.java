package org.postwarden.dkim.keys;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.postwarden.dkim.DkimSigner;
import org.postwarden.dkim.SignedHeaders;

/**
 * The outbound signer of each key, built once and kept while the key store hands out the same key: a signer built per
 * message would forget what it keeps from the last one (its h= tag, the field layout), which is most of the header
 * work. The signers share one {@link SignedHeaders}, so the second signature of a dual-signed message reuses the
 * first one's choice of fields. Thread-safe.
 */
public final class DkimSigners {
    /** More keys than any server holds: past it, entries of keys since replaced are dropped all at once. */
    private static final int MAX_SIGNERS = 4096;

    private final Clock clock;
    private final SignedHeaders headers = SignedHeaders.recommended();
    private final ConcurrentMap<String, Built> signers = new ConcurrentHashMap<>();

    private record Built(DkimKey key, DkimSigner signer) {
    }

    public DkimSigners(Clock clock) {
        this.clock = clock;
    }

    /** Relaxed/relaxed, d= the key's domain, the recommended oversigned fields, t= from the clock. */
    public DkimSigner forKey(DkimKey key) {
        String id = key.domain() + "/" + key.selector();
        Built built = signers.get(id);
        // The stores return the same instance until the key changes (state, or a new key under the selector).
        if (built == null || built.key() != key) {
            if (signers.size() >= MAX_SIGNERS) {
                signers.clear();
            }
            built = new Built(key, DkimSigner.withKey(key.privateKey()).domain(key.domain()).selector(key.selector())
                .headers(headers).clock(clock).build());
            signers.put(id, built);
        }
        return built.signer();
    }
}
