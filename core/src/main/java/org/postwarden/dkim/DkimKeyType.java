package org.postwarden.dkim;

import java.util.Locale;
import java.util.Optional;

/** Key types of the key record's k= tag (RFC 6376 §3.6.1, RFC 8463 §4). */
public enum DkimKeyType {
    RSA("rsa"),
    ED25519("ed25519");

    private final String tagValue;

    DkimKeyType(String tagValue) {
        this.tagValue = tagValue;
    }

    public String tagValue() {
        return tagValue;
    }

    public static Optional<DkimKeyType> fromTagValue(String value) {
        String lowerCase = value.toLowerCase(Locale.ROOT);
        for (DkimKeyType type : values()) {
            if (type.tagValue.equals(lowerCase)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
