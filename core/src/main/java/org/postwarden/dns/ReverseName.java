package org.postwarden.dns;

import java.net.InetAddress;

/** Builds the name a PTR query for an address is asked under. */
public final class ReverseName {
    private ReverseName() {
    }

    /**
     * Returns e.g. {@code 1.2.0.192.in-addr.arpa} (RFC 1035 §3.5) or the 32-nibble
     * {@code ....ip6.arpa} name (RFC 3596 §2.5), lower case and without trailing dot.
     */
    public static String of(InetAddress ip) {
        byte[] bytes = ip.getAddress();
        boolean ipv4 = bytes.length == 4;
        StringBuilder name = new StringBuilder();
        for (int i = bytes.length - 1; i >= 0; i--) {
            int value = bytes[i] & 0xFF;
            if (ipv4) {
                name.append(value).append('.');
            } else {
                name.append(Character.forDigit(value & 0xF, 16)).append('.')
                    .append(Character.forDigit(value >> 4, 16)).append('.');
            }
        }
        return name.append(ipv4 ? "in-addr.arpa" : "ip6.arpa").toString();
    }
}
