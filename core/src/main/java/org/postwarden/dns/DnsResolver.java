package org.postwarden.dns;

import java.net.InetAddress;

/**
 * The one DNS entry point of Postwarden. Implementations never throw for DNS failures: those come
 * back as {@link DnsAnswer.Status#TEMPFAIL}.
 */
public interface DnsResolver {
    /** Names are case-insensitive and may end with a dot. */
    DnsAnswer lookup(String name, RecordType type);

    default DnsAnswer reverse(InetAddress ip) {
        return lookup(ReverseName.of(ip), RecordType.PTR);
    }
}
