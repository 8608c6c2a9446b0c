package org.postwarden.throttle;

import com.google.common.base.Preconditions;
import java.net.Inet4Address;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.postwarden.greylist.ClientNetwork;
import org.postwarden.greylist.SenderNormalizer;

/**
 * Whom a counter belongs to. Values are normalised on construction so that spellings of one sender share
 * counters:
 * <ul>
 *   <li>{@link Kind#USER}: lower case, without {@code +tag} sub-address (and SRS/BATV wrapping), by
 *   {@link SenderNormalizer}; {@code Alice+news@Example.COM} counts as {@code alice@example.com}</li>
 *   <li>{@link Kind#SENDER_DOMAIN}, {@link Kind#DESTINATION_DOMAIN}: lower case, without trailing dot; an address
 *   is reduced to its domain</li>
 *   <li>{@link Kind#CLIENT_IP}: an IPv4 address as a /32, an IPv6 address as its /64, since one subscriber gets at
 *   least a /64 and would otherwise rotate through 2<sup>64</sup> counters; IPv4-mapped IPv6 counts as IPv4</li>
 * </ul>
 */
public record ThrottleKey(Kind kind, String value) {
    /** Longest value kept; buckets add a kind and counter name, within {@link WindowSpec#MAX_BUCKET_LENGTH}. */
    public static final int MAX_VALUE_LENGTH = 320;
    private static final int IPV6_PREFIX = 64;

    public enum Kind {
        USER("user", SenderNormalizer::normalize),
        SENDER_DOMAIN("sender-domain", ThrottleKey::domain),
        CLIENT_IP("ip", ThrottleKey::network),
        DESTINATION_DOMAIN("destination", ThrottleKey::domain);

        private final String prefix;
        private final UnaryOperator<String> normalizer;

        Kind(String prefix, UnaryOperator<String> normalizer) {
            this.prefix = prefix;
            this.normalizer = normalizer;
        }
    }

    public ThrottleKey {
        Objects.requireNonNull(kind, "kind");
        value = kind.normalizer.apply(Objects.requireNonNull(value, "value"));
        Preconditions.checkArgument(!value.isEmpty(), "Empty %s", kind.prefix);
        Preconditions.checkArgument(value.length() <= MAX_VALUE_LENGTH,
            "%s longer than %s characters", kind.prefix, MAX_VALUE_LENGTH);
    }

    public static ThrottleKey user(String username) {
        return new ThrottleKey(Kind.USER, username);
    }

    public static ThrottleKey senderDomain(String domainOrAddress) {
        return new ThrottleKey(Kind.SENDER_DOMAIN, domainOrAddress);
    }

    /** @throws IllegalArgumentException when {@code address} is not a literal IP address (no DNS is used) */
    public static ThrottleKey clientIp(String address) {
        return new ThrottleKey(Kind.CLIENT_IP, address);
    }

    public static ThrottleKey destinationDomain(String domainOrAddress) {
        return new ThrottleKey(Kind.DESTINATION_DOMAIN, domainOrAddress);
    }

    /** The normalised account name. @throws IllegalArgumentException for a key of another kind */
    public String userName() {
        Preconditions.checkArgument(kind == Kind.USER, "%s is not a user", this);
        return value;
    }

    /** The domain of a user name, or "" when it has none. */
    public String domainPart() {
        int at = value.lastIndexOf('@');
        return at < 0 ? "" : value.substring(at + 1);
    }

    /** The store bucket of one of this key's counters, e.g. {@code user:alice@example.com#messages}. */
    public String bucket(String counter) {
        return this + "#" + counter;
    }

    @Override
    public String toString() {
        return kind.prefix + ":" + value;
    }

    private static String domain(String text) {
        String domain = text.trim().toLowerCase(Locale.ROOT);
        domain = domain.substring(domain.lastIndexOf('@') + 1);
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }

    private static String network(String address) {
        ClientNetwork parsed = ClientNetwork.parse(address);
        if (parsed.base() instanceof Inet4Address) {
            return parsed.toString();
        }
        return new ClientNetwork(parsed.base(), Math.min(parsed.prefixLength(), IPV6_PREFIX)).toString();
    }
}
