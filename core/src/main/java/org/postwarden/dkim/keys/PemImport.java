package org.postwarden.dkim.keys;

import java.util.Objects;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;

/** Reads an imported private key, with messages an operator can act on. */
final class PemImport {
    private PemImport() {
    }

    /** @throws IllegalArgumentException saying why the text is not a usable private key */
    static DkimPrivateKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no private key given");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException("the private key is encrypted; decrypt it first"
                + " (openssl pkey -in key.pem -out plain.pem)");
        }
        if (trimmed.startsWith("-----BEGIN PUBLIC KEY-----") || trimmed.startsWith("-----BEGIN RSA PUBLIC KEY-----")) {
            throw new IllegalArgumentException("this is a public key; import the private key");
        }
        if (trimmed.startsWith("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalArgumentException("ECDSA keys cannot sign DKIM; use an RSA or Ed25519 key");
        }
        try {
            return DkimKeys.parsePrivateKey(trimmed);
        } catch (RuntimeException e) {
            String why = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
            if (!trimmed.startsWith("-----BEGIN ")) {
                throw new IllegalArgumentException("not a PEM private key (nor a base64 Ed25519 seed): " + why, e);
            }
            throw new IllegalArgumentException("unreadable private key: " + why, e);
        }
    }
}
