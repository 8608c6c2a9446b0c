package org.postwarden.greylist;

import com.google.common.base.Preconditions;
import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address block in CIDR notation, whose {@link #toString()} is canonical: host bits cleared and IPv6
 * written as RFC 5952 recommends ({@code 192.0.2.0/24}, {@code 2001:db8:1:2::/64}). Clients are greylisted
 * per network rather than per address because large senders retry from another host of the same pool.
 */
public record ClientNetwork(InetAddress base, int prefixLength) {
    public ClientNetwork {
        int bits = base.getAddress().length * 8;
        Preconditions.checkArgument(prefixLength >= 0 && prefixLength <= bits,
            "prefix length %s out of range 0..%s", prefixLength, bits);
        base = mask(base, prefixLength);
    }

    /**
     * The network the greylist groups {@code client} into. IPv4-mapped IPv6 addresses count as IPv4 because
     * {@link InetAddress} already turns them into {@link Inet4Address}.
     */
    public static ClientNetwork of(InetAddress client, GreylistConfiguration configuration) {
        int prefix = client instanceof Inet4Address ? configuration.ipv4Prefix() : configuration.ipv6Prefix();
        return new ClientNetwork(client, prefix);
    }

    /** Parses {@code 192.0.2.0/24}, {@code 2001:db8::/32} or a bare address (a /32 or /128), never using DNS. */
    public static ClientNetwork parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        Preconditions.checkArgument(InetAddresses.isInetAddress(address), "'%s' is not an IP address or CIDR", cidr);
        InetAddress base = InetAddresses.forString(address);
        if (slash < 0) {
            return new ClientNetwork(base, base.getAddress().length * 8);
        }
        try {
            return new ClientNetwork(base, Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + cidr + "' has an invalid prefix length", e);
        }
    }

    public boolean contains(InetAddress address) {
        return address.getClass() == base.getClass() && mask(address, prefixLength).equals(base);
    }

    @Override
    public String toString() {
        return InetAddresses.toAddrString(base) + "/" + prefixLength;
    }

    private static InetAddress mask(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
        }
    }
}
