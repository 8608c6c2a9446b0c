package org.postwarden.deliverability;

import java.util.Objects;

/** A DNS record to publish, such as {@code TXT _dmarc.example.com "v=DMARC1; p=quarantine"}. */
public record SuggestedRecord(String name, String type, String value) {
    public SuggestedRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static SuggestedRecord txt(String name, String value) {
        return new SuggestedRecord(name, "TXT", value);
    }

    /** In zone-file order; TXT data quoted. */
    @Override
    public String toString() {
        return name + " " + type + " " + (type.equals("TXT") ? "\"" + value + "\"" : value);
    }
}
