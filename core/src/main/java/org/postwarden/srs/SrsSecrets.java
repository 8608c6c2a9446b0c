package org.postwarden.srs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The HMAC keys of SRS, for rotation: the first signs new addresses, every one verifies (Mail::SRS 0.31
 * {@code hash_create} uses the first secret, {@code hash_verify} tries all in order). To rotate, put the new secret
 * first and keep the old one after it for at least the maximum age, so that bounces to addresses it signed
 * still reverse. A secret is used as its UTF-8 bytes.
 */
public final class SrsSecrets {
    private final List<byte[]> keys;

    private SrsSecrets(List<byte[]> keys) {
        this.keys = List.copyOf(keys);
    }

    /** @throws IllegalArgumentException for an empty secret */
    public static SrsSecrets of(String signing, String... previous) {
        List<byte[]> keys = new ArrayList<>();
        keys.add(key(signing));
        for (String secret : previous) {
            keys.add(key(secret));
        }
        return new SrsSecrets(keys);
    }

    private static byte[] key(String secret) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("an SRS secret must not be empty");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    byte[] signing() {
        return keys.get(0);
    }

    List<byte[]> all() {
        return keys;
    }

    /** Never the secrets themselves. */
    @Override
    public String toString() {
        return "SrsSecrets[" + keys.size() + " secret(s)]";
    }
}
