package org.postwarden.dkim.keys;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.postwarden.dkim.DkimAlgorithm;
import org.postwarden.dkim.DkimPrivateKey;

/**
 * A managed signing key of {@code domain}, published at {@link #dnsName()}. The timestamps record when
 * the key entered each state. {@code domain} is lower-cased; {@code selector} keeps its case.
 * Equality compares the key material, and {@link #toString()} leaves it out.
 */
public record DkimKey(String domain, String selector, DkimAlgorithm algorithm, KeyState state, Instant created,
                      Optional<Instant> activated, Optional<Instant> retiring, Optional<Instant> retired,
                      DkimPrivateKey privateKey) {
    public DkimKey {
        domain = DkimNames.domain(domain);
        DkimNames.selector(selector);
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(activated, "activated");
        Objects.requireNonNull(retiring, "retiring");
        Objects.requireNonNull(retired, "retired");
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey.algorithm() != algorithm) {
            throw new IllegalArgumentException("algorithm " + algorithm.tagValue() + " does not fit a "
                + privateKey.algorithm().keyType().tagValue() + " key");
        }
    }

    /** A new PENDING key. */
    public static DkimKey pending(String domain, String selector, DkimPrivateKey privateKey, Instant created) {
        return new DkimKey(domain, selector, privateKey.algorithm(), KeyState.PENDING, created, Optional.empty(),
            Optional.empty(), Optional.empty(), privateKey);
    }

    /** Where the key record lives: {@code selector._domainkey.domain}. */
    public String dnsName() {
        return selector + "._domainkey." + domain;
    }

    /** The TXT record to publish at {@link #dnsName()}. */
    public String dnsRecord() {
        return privateKey.publicKey().dnsRecord();
    }

    /** The RSA modulus size, or 256 for Ed25519. */
    public int bits() {
        return privateKey.publicKey().bits();
    }

    DkimKey asActive(Instant now) {
        return new DkimKey(domain, selector, algorithm, KeyState.ACTIVE, created, Optional.of(now), retiring, retired,
            privateKey);
    }

    DkimKey asRetiring(Instant now) {
        return new DkimKey(domain, selector, algorithm, KeyState.RETIRING, created, activated, Optional.of(now), retired,
            privateKey);
    }

    DkimKey asRetired(Instant now) {
        return new DkimKey(domain, selector, algorithm, KeyState.RETIRED, created, activated, retiring, Optional.of(now),
            privateKey);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DkimKey that
            && domain.equals(that.domain)
            && selector.equals(that.selector)
            && algorithm == that.algorithm
            && state == that.state
            && created.equals(that.created)
            && activated.equals(that.activated)
            && retiring.equals(that.retiring)
            && retired.equals(that.retired)
            // Ed25519 key parameters have identity equality: compare the encoding.
            && Arrays.equals(privateKey.pkcs8(), that.privateKey.pkcs8());
    }

    @Override
    public int hashCode() {
        return Objects.hash(domain, selector, algorithm, state, created, activated, retiring, retired);
    }

    @Override
    public String toString() {
        return "DkimKey[domain=" + domain + ", selector=" + selector + ", algorithm=" + algorithm.tagValue()
            + ", state=" + state + ", created=" + created + ", activated=" + activated.map(Instant::toString).orElse("-")
            + ", retiring=" + retiring.map(Instant::toString).orElse("-")
            + ", retired=" + retired.map(Instant::toString).orElse("-") + "]";
    }
}
