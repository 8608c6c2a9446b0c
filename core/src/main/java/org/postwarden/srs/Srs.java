package org.postwarden.srs;

import com.google.common.base.Ascii;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * The Sender Rewriting Scheme as Mail::SRS 0.31's default "Guarded" subclass runs it, and postsrsd with it: a
 * forwarder rewrites the MAIL FROM of mail it relays into its own domain, so that SPF (RFC 7208) at the next hop
 * checks the forwarder, and reverses the rewrite when a bounce comes back. Stateless: everything needed to reverse
 * is in the address, guarded by an HMAC ({@link SrsHash}) and a timestamp ({@link SrsTimestamp}).
 *
 * <ul>
 * <li>{@code alice@orig.example} becomes {@code SRS0=HHHH=TT=orig.example=alice@forwarder}.</li>
 * <li>An SRS0 address from another forwarder becomes {@code SRS1=HHHH=fwd1==HHHH=TT=orig.example=alice@forwarder}:
 * only the first forwarder can check its SRS0 hash, so it is carried unchanged behind a hash of our own.</li>
 * <li>An SRS1 address is rewritten again with the same first forwarder, so a chain of forwarders adds no length.</li>
 * </ul>
 *
 * <pre>
 * Srs srs = Srs.builder(SrsSecrets.of("new secret", "old secret")).build();
 * if (Srs.needsRewrite(mailFrom, localDomains)) mailFrom = srs.forward(mailFrom, "forwarder.example");
 * String bounceTo = srs.reverse(rcptTo);  // throws SrsException: not SRS, malformed, bad hash, expired
 * </pre>
 */
public final class Srs {
    /**
     * The longest address {@link #forward} takes, in UTF-8 octets: postsrsd's limit. RFC 5321 §4.5.3.1 only sets
     * sizes every implementation must accept (a path of 256 octets) and asks for no limits where possible.
     */
    public static final int MAX_ADDRESS_LENGTH = 512;

    private final SrsHash hash;
    private final Clock clock;
    private final int maxAgeDays;
    private final char separator;

    private Srs(Builder builder) {
        this.hash = new SrsHash(builder.secrets, builder.hashLength, builder.hashComparison);
        this.clock = builder.clock;
        this.maxAgeDays = builder.maxAgeDays;
        this.separator = builder.separator;
    }

    /**
     * Defaults as Mail::SRS: hash length 4 compared ignoring case, maximum age 21 days, separator {@code =}, the
     * system clock.
     */
    public static Builder builder(SrsSecrets secrets) {
        return new Builder(Objects.requireNonNull(secrets, "secrets"));
    }

    /**
     * Whether a forwarder should rewrite this sender: not the null reverse-path ({@code ""} or {@code "<>"}, RFC 5321
     * §4.5.5: bounces carry it and nothing may be returned to it), not an address without a domain, and not one in
     * a local domain, which passes SPF as it is (postsrsd: "Need not rewrite local domain"). Include the forwarder
     * domain in {@code localDomains}. Domains compare ignoring ASCII case (RFC 4343).
     */
    public static boolean needsRewrite(String sender, Set<String> localDomains) {
        int at = sender.lastIndexOf('@');
        if (sender.isEmpty() || sender.equals("<>") || at < 0 || at == sender.length() - 1) {
            return false;
        }
        String domain = sender.substring(at + 1);
        return localDomains.stream().noneMatch(local -> Ascii.equalsIgnoreCase(local, domain));
    }

    /**
     * Rewrites a sender into {@code forwarderDomain} (Mail::SRS {@code forward}, Guarded {@code compile}). A sender
     * already in that domain comes back unchanged, as Mail::SRS returns it.
     *
     * @throws SrsException {@link SrsException.Reason#MALFORMED} for an address without a local part or a domain,
     *     with an {@code @} in its local part (Mail::SRS refuses it), with an all-numeric top-level label, longer
     *     than {@link #MAX_ADDRESS_LENGTH}, or an SRS1 address missing a field
     */
    public String forward(String address, String forwarderDomain) throws SrsException {
        if (forwarderDomain.isEmpty() || forwarderDomain.indexOf('@') >= 0) {
            throw new IllegalArgumentException(
                "the forwarder domain must be a domain, got \"" + forwarderDomain + "\"");
        }
        if (address.getBytes(StandardCharsets.UTF_8).length > MAX_ADDRESS_LENGTH) {
            throw new SrsException(SrsException.Reason.MALFORMED,
                "the address is longer than " + MAX_ADDRESS_LENGTH + " octets");
        }
        int at = address.lastIndexOf('@');
        if (at < 1 || address.indexOf('@') != at) {
            throw new SrsException(SrsException.Reason.MALFORMED,
                "\"" + address + "\" is not local-part@domain with a single @");
        }
        String localPart = address.substring(0, at);
        String domain = address.substring(at + 1);
        Addresses.requireDomainName(domain, address);
        if (Ascii.equalsIgnoreCase(domain, forwarderDomain)) {
            return address;
        }
        if (SrsAddress.hasTag(localPart, SrsAddress.TAG_SRS1)) {
            SrsAddress.Srs1 previous = (SrsAddress.Srs1) SrsAddress.parse(address);
            return new SrsAddress.Srs1(separator, hash.create(previous.firstForwarder(), previous.srs0Rest()),
                previous.firstForwarder(), previous.srs0Rest(), forwarderDomain).address();
        }
        if (SrsAddress.hasTag(localPart, SrsAddress.TAG_SRS0)) {
            String srs0Rest = localPart.substring(SrsAddress.TAG_SRS0.length());
            return new SrsAddress.Srs1(separator, hash.create(domain, srs0Rest), domain, srs0Rest, forwarderDomain)
                .address();
        }
        SrsTimestamp today = SrsTimestamp.at(clock.instant());
        return new SrsAddress.Srs0(separator, hash.create(today.encoded(), domain, localPart), today, domain,
            localPart, forwarderDomain).address();
    }

    /**
     * Turns an SRS address back into where a bounce should go (Mail::SRS {@code reverse}): for SRS0, the original
     * sender, once the hash and the age are checked; for SRS1, the first forwarder's SRS0 address, once our hash is
     * checked (that forwarder checks the rest). The domain after the {@code @} is not checked, as in Mail::SRS:
     * which addresses reach this call is a routing decision.
     *
     * @throws SrsException with the {@link SrsException.Reason}
     */
    public String reverse(String srsAddress) throws SrsException {
        SrsAddress parsed = SrsAddress.parse(srsAddress);
        if (parsed instanceof SrsAddress.Srs1 srs1) {
            requireHash(srs1, srs1.firstForwarder(), srs1.srs0Rest());
            return srs1.srs0Address();
        }
        SrsAddress.Srs0 srs0 = (SrsAddress.Srs0) parsed;
        requireHash(srs0, srs0.timestamp().encoded(), srs0.originalDomain(), srs0.originalLocalPart());
        int age = srs0.timestamp().ageInDays(clock.instant());
        if (age > maxAgeDays) {
            throw new SrsException(SrsException.Reason.EXPIRED, "\"" + srsAddress + "\" is " + age
                + " days old (a future day counts from the previous 1024-day cycle), the maximum is " + maxAgeDays);
        }
        return srs0.originalAddress();
    }

    private void requireHash(SrsAddress address, String... fields) throws SrsException {
        if (!hash.verify(address.hash(), fields)) {
            throw new SrsException(SrsException.Reason.BAD_HASH,
                "\"" + address.hash() + "\" in \"" + address.address() + "\" matches none of the secrets");
        }
    }

    /** Configures an {@link Srs}; each setter returns this builder. */
    public static final class Builder {
        private final SrsSecrets secrets;
        private Clock clock = Clock.systemUTC();
        private int hashLength = 4;
        private SrsHash.Comparison hashComparison = SrsHash.Comparison.IGNORE_CASE;
        private int maxAgeDays = 21;
        private char separator = '=';

        private Builder(SrsSecrets secrets) {
            this.secrets = secrets;
        }

        /** The clock that dates new SRS0 addresses and ages returned ones. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Hash characters to write, and the fewest accepted (1 to {@link SrsHash#MAX_LENGTH}). */
        public Builder hashLength(int hashLength) {
            this.hashLength = hashLength;
            return this;
        }

        /** How a returned hash is compared: Mail::SRS ignores case, {@link SrsHash.Comparison#EXACT} does not. */
        public Builder hashComparison(SrsHash.Comparison hashComparison) {
            this.hashComparison = Objects.requireNonNull(hashComparison, "hashComparison");
            return this;
        }

        /** Days an SRS0 address stays reversible after the day it was written (1 to 1023). */
        public Builder maxAgeDays(int maxAgeDays) {
            if (maxAgeDays < 1 || maxAgeDays >= SrsTimestamp.CYCLE_DAYS) {
                throw new IllegalArgumentException("the SRS maximum age is 1 to 1023 days, got " + maxAgeDays);
            }
            this.maxAgeDays = maxAgeDays;
            return this;
        }

        /**
         * The separator written after SRS0 and SRS1: {@code =}, {@code +} or {@code -} (Mail::SRS {@code Separator},
         * for sites that route {@code srs0+...} as a user with an extension). All three are read whatever this is.
         */
        public Builder separator(char separator) {
            if (SrsAddress.SEPARATORS.indexOf(separator) < 0) {
                throw new IllegalArgumentException("the SRS separator is =, + or -, got " + separator);
            }
            this.separator = separator;
            return this;
        }

        /** @throws IllegalArgumentException for a hash length out of range */
        public Srs build() {
            return new Srs(this);
        }
    }
}
