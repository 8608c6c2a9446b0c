package org.postwarden.dns;

import java.util.Objects;

/**
 * A TXT record whose character-strings are already concatenated without separator, as SPF
 * (RFC 7208 §3.3) and DKIM (RFC 6376 §3.6.2.2) require.
 */
public record TextRecord(String text) implements DnsRecord {
    public TextRecord {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public RecordType type() {
        return RecordType.TXT;
    }
}
