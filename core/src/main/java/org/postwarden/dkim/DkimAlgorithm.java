package org.postwarden.dkim;

import java.util.Locale;
import java.util.Optional;

/**
 * Signing algorithms of the a= tag.
 * <pre>
 * sig-a-tag-alg = sig-a-tag-k "-" sig-a-tag-h
 * sig-a-tag-k   = "rsa" / "ed25519" / x-sig-a-tag-k
 * sig-a-tag-h   = "sha1" / "sha256" / x-sig-a-tag-h
 * </pre>
 */
public enum DkimAlgorithm {
    RSA_SHA256("rsa-sha256", DkimKeyType.RSA, "sha256"),
    /** RFC 8463. */
    ED25519_SHA256("ed25519-sha256", DkimKeyType.ED25519, "sha256"),
    /** Recognised only to be refused: RFC 8301 §3.1 forbids treating rsa-sha1 signatures as valid. */
    RSA_SHA1("rsa-sha1", DkimKeyType.RSA, "sha1");

    private final String tagValue;
    private final DkimKeyType keyType;
    private final String hashName;

    DkimAlgorithm(String tagValue, DkimKeyType keyType, String hashName) {
        this.tagValue = tagValue;
        this.keyType = keyType;
        this.hashName = hashName;
    }

    public String tagValue() {
        return tagValue;
    }

    public DkimKeyType keyType() {
        return keyType;
    }

    /** The hash name as listed in a key record's h= tag. */
    public String hashName() {
        return hashName;
    }

    public static Optional<DkimAlgorithm> fromTagValue(String value) {
        String lowerCase = value.toLowerCase(Locale.ROOT);
        for (DkimAlgorithm algorithm : values()) {
            if (algorithm.tagValue.equals(lowerCase)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
