package org.postwarden.srs.keys;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored SRS secret. {@code id} is a fingerprint that names it in logs and webadmin without revealing it;
 * {@code retiredAt} is empty while the secret may sign. Instants are kept to the millisecond, as stores keep them.
 */
public record SrsSecretRecord(String id, String secret, Instant createdAt, Optional<Instant> retiredAt) {
    /** Longer secrets are refused: a secret is an HMAC key, 32 random bytes in base64 are 44 characters. */
    public static final int MAX_SECRET_LENGTH = 1000;
    private static final int ID_HEX_DIGITS = 8;

    public SrsSecretRecord {
        Objects.requireNonNull(id, "id");
        if (secret.isEmpty() || secret.length() > MAX_SECRET_LENGTH) {
            throw new IllegalArgumentException("an SRS secret has 1 to " + MAX_SECRET_LENGTH + " characters");
        }
        createdAt = createdAt.truncatedTo(ChronoUnit.MILLIS);
        retiredAt = retiredAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS));
    }

    /** A new signing secret. */
    public static SrsSecretRecord create(String secret, Instant createdAt) {
        return new SrsSecretRecord(fingerprint(secret), secret, createdAt, Optional.empty());
    }

    /** The first hex digits of the SHA-256 of the secret's UTF-8 bytes: short, stable, and no help to a forger. */
    public static String fingerprint(String secret) {
        return Hashing.sha256().hashString(secret, StandardCharsets.UTF_8).toString().substring(0, ID_HEX_DIGITS);
    }

    public boolean isRetired() {
        return retiredAt.isPresent();
    }

    /**
     * When addresses this secret signed stop reversing, for a retired secret: an address written on the day of the
     * retirement reverses until the end of that day plus {@code maxAgeDays} (SRS ages count whole UTC days).
     */
    public Optional<Instant> verifiesUntil(int maxAgeDays) {
        return retiredAt.map(at -> at.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(maxAgeDays + 1L)));
    }

    /** Never the secret itself. */
    @Override
    public String toString() {
        return "SrsSecretRecord[" + id + ", created " + createdAt + retiredAt.map(at -> ", retired " + at).orElse("") + "]";
    }
}
