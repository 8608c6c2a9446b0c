package org.postwarden.dkim.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;

/** Keys for the key-management tests: parsed from the DKIM vectors, so that no test waits for RSA generation. */
final class KeyFixtures {
    /** 2023-11-14T22:13:20Z. */
    static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    /** RFC 8463 Appendix A's 1024-bit key, a PKCS#1 "RSA PRIVATE KEY" PEM. */
    static final String RSA_1024_PKCS1_PEM = resourceText("rfc8463-appendix-a/rsa-test.pem");
    /** Stalwart's 2048-bit key, a PKCS#1 PEM. */
    static final String RSA_2048_PKCS1_PEM = resourceText("stalwart-mail-auth/rsa-private.pem");
    /** mailauth's 2048-bit key, a PKCS#8 "PRIVATE KEY" PEM. */
    static final String RSA_2048_PKCS8_PEM = resourceText("mailauth/fixtures__private-rsa.pem");
    /** mailauth's Ed25519 key, a PKCS#8 PEM. */
    static final String ED25519_PEM = resourceText("mailauth/fixtures__private-ed25519.pem");

    static final DkimPrivateKey RSA_1024 = DkimKeys.parsePrivateKey(RSA_1024_PKCS1_PEM);
    static final DkimPrivateKey RSA_2048 = DkimKeys.parsePrivateKey(RSA_2048_PKCS1_PEM);
    static final DkimPrivateKey RSA_2048_B = DkimKeys.parsePrivateKey(RSA_2048_PKCS8_PEM);
    static final DkimPrivateKey ED25519 = DkimKeys.parsePrivateKey(ED25519_PEM);
    static final DkimPrivateKey ED25519_B = DkimKeys.generateEd25519();

    private KeyFixtures() {
    }

    static String resourceText(String path) {
        try (InputStream in = KeyFixtures.class.getResourceAsStream("/dkim/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource dkim/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DkimKey pending(String domain, String selector, DkimPrivateKey privateKey, Instant created) {
        return DkimKey.pending(domain, selector, privateKey, created);
    }

    static DkimKey active(String domain, String selector, DkimPrivateKey privateKey, Instant created) {
        return new DkimKey(domain, selector, privateKey.algorithm(), KeyState.ACTIVE, created, Optional.of(created),
            Optional.empty(), Optional.empty(), privateKey);
    }
}
