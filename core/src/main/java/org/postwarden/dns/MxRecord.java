package org.postwarden.dns;

import com.google.common.base.Preconditions;

/**
 * An MX record (RFC 1035 §3.3.9). The exchange is normalised; a null MX (RFC 7505, exchange
 * ".") therefore has the empty string as exchange.
 */
public record MxRecord(int preference, String exchange) implements DnsRecord {
    private static final int MAX_PREFERENCE = 0xFFFF;

    public MxRecord {
        Preconditions.checkArgument(preference >= 0 && preference <= MAX_PREFERENCE,
            "MX preference must be 0-65535, got %s", preference);
        exchange = DnsNames.normalize(exchange);
    }

    @Override
    public RecordType type() {
        return RecordType.MX;
    }
}
