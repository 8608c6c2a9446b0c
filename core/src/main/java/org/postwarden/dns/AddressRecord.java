package org.postwarden.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/** An A or AAAA record, depending on the address family. */
public record AddressRecord(InetAddress address) implements DnsRecord {
    public AddressRecord {
        Objects.requireNonNull(address, "address");
    }

    @Override
    public RecordType type() {
        return address instanceof Inet4Address ? RecordType.A : RecordType.AAAA;
    }
}
