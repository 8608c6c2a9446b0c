package org.postwarden.dns;

import com.google.common.base.Preconditions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A PTR, CNAME or NS record: a record whose data is a single domain name, normalised. */
public record NameRecord(RecordType type, String target) implements DnsRecord {
    private static final Set<RecordType> NAME_TYPES = EnumSet.of(RecordType.PTR, RecordType.CNAME, RecordType.NS);

    public NameRecord {
        Objects.requireNonNull(type, "type");
        Preconditions.checkArgument(NAME_TYPES.contains(type), "%s records do not hold a single name", type);
        target = DnsNames.normalize(target);
    }
}
