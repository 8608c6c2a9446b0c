package org.postwarden.throttle.auth;

import com.google.common.base.Preconditions;
import com.google.common.net.InetAddresses;
import java.util.Locale;
import java.util.Objects;
import org.postwarden.throttle.ThrottleKey;

/**
 * Who tries to authenticate: the client address as the server saw it, the account name as the client gave it, and
 * the protocol ({@code smtp}, {@code imap}).
 *
 * @param address a literal IP address, kept in its canonical spelling (RFC 5952 for IPv6)
 * @param account lower-cased and trimmed, at most {@link ThrottleKey#MAX_VALUE_LENGTH} characters (longer names are
 *     no account of ours; cutting them keeps their counter within the store's bucket length)
 */
public record AuthAttempt(String address, String account, String protocol) {
    public AuthAttempt {
        address = canonicalAddress(address);
        Objects.requireNonNull(protocol, "protocol");
        account = Objects.requireNonNullElse(account, "").trim().toLowerCase(Locale.ROOT);
        if (account.length() > ThrottleKey.MAX_VALUE_LENGTH) {
            account = account.substring(0, ThrottleKey.MAX_VALUE_LENGTH);
        }
    }

    /** @throws IllegalArgumentException when {@code address} is not a literal IP address (no DNS is used) */
    public static String canonicalAddress(String address) {
        String trimmed = Objects.requireNonNull(address, "address").trim();
        Preconditions.checkArgument(InetAddresses.isInetAddress(trimmed), "'%s' is not an IP address", address);
        return InetAddresses.toAddrString(InetAddresses.forString(trimmed));
    }

    /** The counter key of the address: IPv4 as /32, IPv6 by /64, so that one subscriber is one client. */
    public ThrottleKey addressKey() {
        return ThrottleKey.clientIp(address);
    }
}
