package org.postwarden.dns;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Forward-confirmed reverse DNS (FCrDNS, RFC 8601 §3 "iprev"): the PTR name of an address counts only when that
 * name resolves back to the same address. Lookup failures give no name.
 */
public final class ForwardConfirmedDns {
    private final DnsResolver resolver;

    public ForwardConfirmedDns(DnsResolver resolver) {
        this.resolver = resolver;
    }

    public Optional<String> hostname(InetAddress address) {
        RecordType forwardType = address.getAddress().length == 4 ? RecordType.A : RecordType.AAAA;
        return resolver.reverse(address).hostnames().stream()
            .filter(name -> resolver.lookup(name, forwardType).addresses().contains(address))
            .findFirst();
    }

    /** Whether {@code name} (for instance a HELO argument) resolves to {@code address}. */
    public boolean resolvesTo(String name, InetAddress address) {
        RecordType forwardType = address.getAddress().length == 4 ? RecordType.A : RecordType.AAAA;
        return resolver.lookup(name, forwardType).addresses().contains(address);
    }
}
