package org.postwarden.dkim.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.postwarden.dkim.DkimAlgorithm;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dns.DnsResolver;

/**
 * The life of outbound signing keys ({@link KeyState}): generate or import a PENDING key, publish
 * {@link DkimKey#dnsRecord()} at {@link DkimKey#dnsName()}, then {@link #activate} it, by hand or through the
 * periodic {@link #advance()}, once DNS serves it. Activating a key retires (RETIRING) the domain's previous
 * ACTIVE key of the same algorithm, so an RSA and an Ed25519 key can sign side by side (RFC 8463 §1 suggests
 * dual signing). A RETIRING key stays in DNS for the grace period, so that mail signed with it before the
 * switch still verifies, then becomes RETIRED.
 * <p>
 * Changes are serialised within this manager; DNS is queried outside that lock, and the state re-read after.
 */
public final class DkimKeyManager {
    public static final Duration DEFAULT_RETIRING_GRACE = Duration.ofDays(7);
    /** RFC 8301 §3.2: verifiers must handle 1024 to 4096 bits; they need not handle more. */
    public static final int MAXIMUM_RSA_BITS = 4096;

    private static final DateTimeFormatter SELECTOR_DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    private final DkimKeyStore store;
    private final DnsResolver resolver;
    private final Clock clock;
    private final Duration retiringGrace;
    private final Object lock = new Object();

    public DkimKeyManager(DkimKeyStore store, DnsResolver resolver, Clock clock, Duration retiringGrace) {
        this.store = Objects.requireNonNull(store, "store");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retiringGrace = Objects.requireNonNull(retiringGrace, "retiringGrace");
        if (retiringGrace.isNegative()) {
            throw new IllegalArgumentException("the retiring grace period cannot be negative: " + retiringGrace);
        }
    }

    /** With the {@link #DEFAULT_RETIRING_GRACE} of 7 days. */
    public DkimKeyManager(DkimKeyStore store, DnsResolver resolver, Clock clock) {
        this(store, resolver, clock, DEFAULT_RETIRING_GRACE);
    }

    public Duration retiringGrace() {
        return retiringGrace;
    }

    /**
     * Generates a PENDING key. Without a selector, picks {@code pw<yyyyMMdd>r} (RSA) or {@code pw<yyyyMMdd>e}
     * (Ed25519) of today in UTC, then {@code -2}, {@code -3}... if taken. {@code rsaBits} defaults to
     * {@link DkimKeys#DEFAULT_RSA_BITS} and applies to RSA only.
     *
     * @throws KeyConflictException     if the explicit selector is taken (DNS names ignore case, so is the check)
     * @throws IllegalArgumentException for a bad domain, selector or size, or rsa-sha1
     */
    public DkimKey generate(String domain, DkimAlgorithm algorithm, Optional<String> selector, OptionalInt rsaBits) {
        String normalized = DkimNames.domain(domain);
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(rsaBits, "rsaBits");
        selector.ifPresent(name -> DkimNames.keyName(normalized, DkimNames.selector(name)));
        if (algorithm == DkimAlgorithm.RSA_SHA1) {
            throw new IllegalArgumentException("rsa-sha1 must not be used for signing (RFC 8301 §3.1); use rsa-sha256");
        }
        if (algorithm == DkimAlgorithm.ED25519_SHA256 && rsaBits.isPresent()) {
            throw new IllegalArgumentException("a key size applies to RSA keys only");
        }
        int bits = rsaBits.orElse(DkimKeys.DEFAULT_RSA_BITS);
        if (bits < DkimKeys.MINIMUM_RSA_BITS || bits > MAXIMUM_RSA_BITS) {
            throw new IllegalArgumentException("RSA keys have 1024 to 4096 bits (RFC 8301 §3.2), got " + bits);
        }
        selector.ifPresent(name -> requireFree(normalized, name));
        // Slow for RSA: outside the lock.
        DkimPrivateKey privateKey = algorithm == DkimAlgorithm.RSA_SHA256 ? DkimKeys.generateRsa(bits)
            : DkimKeys.generateEd25519();
        synchronized (lock) {
            Instant now = clock.instant();
            String name = selector.isPresent() ? requireFree(normalized, selector.get())
                : defaultSelector(normalized, algorithm, now);
            DkimKey key = DkimKey.pending(normalized, name, privateKey, now);
            store.save(key);
            return key;
        }
    }

    /**
     * Adds an existing private key as PENDING: PEM "PRIVATE KEY" (PKCS#8, RSA or Ed25519), "RSA PRIVATE KEY"
     * (PKCS#1), or a bare base64 Ed25519 seed. The algorithm follows the key.
     *
     * @throws KeyConflictException     if the selector is taken
     * @throws IllegalArgumentException for a bad domain or selector, or a key that cannot be used (says why)
     */
    public DkimKey importKey(String domain, String selector, String pem) {
        String normalized = DkimNames.domain(domain);
        DkimNames.keyName(normalized, DkimNames.selector(selector));
        DkimPrivateKey privateKey = PemImport.parse(pem);
        if (privateKey.publicKey().bits() > MAXIMUM_RSA_BITS) {
            throw new IllegalArgumentException("RSA key of " + privateKey.publicKey().bits()
                + " bits: verifiers need only handle up to 4096 (RFC 8301 §3.2)");
        }
        synchronized (lock) {
            DkimKey key = DkimKey.pending(normalized, requireFree(normalized, selector), privateKey, clock.instant());
            store.save(key);
            return key;
        }
    }

    /** The domain's keys, oldest first. */
    public List<DkimKey> keys(String domain) {
        return store.keys(DkimNames.domain(domain));
    }

    /** @throws UnknownKeyException if there is no such key */
    public DkimKey key(String domain, String selector) {
        String normalized = DkimNames.domain(domain);
        Objects.requireNonNull(selector, "selector");
        return store.find(normalized, selector).orElseThrow(() -> UnknownKeyException.of(normalized, selector));
    }

    /** Compares the TXT records at the key's {@link DkimKey#dnsName()} with the key. */
    public DnsCheck dnsCheck(String domain, String selector) {
        return KeyRecordCheck.check(resolver, key(domain, selector));
    }

    /**
     * Makes a PENDING key ACTIVE once DNS serves its record; the domain's ACTIVE key of the same algorithm
     * becomes RETIRING. An ACTIVE key is returned as it is.
     *
     * @throws KeyNotPublishedException  unless {@link #dnsCheck} is MATCH
     * @throws KeyStateConflictException for RETIRING and RETIRED keys
     */
    public DkimKey activate(String domain, String selector) {
        DkimKey key = key(domain, selector);
        if (key.state() == KeyState.ACTIVE) {
            return key;
        }
        requirePending(key);
        DnsCheck check = KeyRecordCheck.check(resolver, key);
        if (!check.matches()) {
            throw new KeyNotPublishedException(check);
        }
        synchronized (lock) {
            DkimKey current = key(domain, selector);
            if (current.state() == KeyState.ACTIVE) {
                return current;
            }
            requirePending(current);
            return promote(current, clock.instant()).get(0);
        }
    }

    /**
     * Stops using a key: ACTIVE becomes RETIRING (its DNS record must stay published for the grace period),
     * PENDING becomes RETIRED (it never signed). RETIRING and RETIRED keys are returned as they are.
     */
    public DkimKey retire(String domain, String selector) {
        synchronized (lock) {
            DkimKey key = key(domain, selector);
            DkimKey changed;
            switch (key.state()) {
                case ACTIVE:
                    changed = key.asRetiring(clock.instant());
                    break;
                case PENDING:
                    changed = key.asRetired(clock.instant());
                    break;
                default:
                    return key;
            }
            store.save(changed);
            return changed;
        }
    }

    /**
     * The periodic job: activates PENDING keys whose record DNS now serves (as {@link #activate} does, oldest
     * first, so the newest of a domain and algorithm ends ACTIVE), and makes RETIRING keys RETIRED once their
     * grace period is over. DNS failures leave a key PENDING until the next run.
     *
     * @return the keys whose state changed, in their new state
     */
    public List<DkimKey> advance() {
        Map<String, DkimKey> changed = new LinkedHashMap<>();
        for (DkimKey key : store.all()) {
            if (key.state() != KeyState.PENDING || !KeyRecordCheck.check(resolver, key).matches()) {
                continue;
            }
            synchronized (lock) {
                Optional<DkimKey> current = store.find(key.domain(), key.selector());
                if (current.isPresent() && current.get().state() == KeyState.PENDING) {
                    promote(current.get(), clock.instant()).forEach(promoted -> changed.put(id(promoted), promoted));
                }
            }
        }
        synchronized (lock) {
            Instant now = clock.instant();
            for (DkimKey key : store.all()) {
                if (key.state() == KeyState.RETIRING
                    && !key.retiring().orElse(key.created()).plus(retiringGrace).isAfter(now)) {
                    DkimKey retired = key.asRetired(now);
                    store.save(retired);
                    changed.put(id(retired), retired);
                }
            }
        }
        return List.copyOf(changed.values());
    }

    /**
     * What to sign the domain's mail with: its ACTIVE keys, at most one per algorithm (the latest activated),
     * RSA first. Empty for a domain without keys, or a name that is not a domain.
     */
    public List<DkimKey> signingKeys(String domain) {
        String normalized;
        try {
            normalized = DkimNames.domain(domain);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        Map<DkimAlgorithm, DkimKey> latest = new EnumMap<>(DkimAlgorithm.class);
        Comparator<DkimKey> byActivation = Comparator.comparing(key -> key.activated().orElse(key.created()));
        for (DkimKey key : store.keys(normalized)) {
            if (key.state() == KeyState.ACTIVE) {
                latest.merge(key.algorithm(), key, (a, b) -> byActivation.compare(a, b) >= 0 ? a : b);
            }
        }
        // EnumMap iterates in declaration order: RSA_SHA256 before ED25519_SHA256.
        return List.copyOf(latest.values());
    }

    /** Saves the key ACTIVE first, so that a crash leaves two signing keys rather than none. */
    private List<DkimKey> promote(DkimKey key, Instant now) {
        List<DkimKey> changed = new ArrayList<>();
        DkimKey active = key.asActive(now);
        store.save(active);
        changed.add(active);
        for (DkimKey other : store.keys(key.domain())) {
            if (other.state() == KeyState.ACTIVE && other.algorithm() == key.algorithm()
                && !other.selector().equals(key.selector())) {
                DkimKey retiring = other.asRetiring(now);
                store.save(retiring);
                changed.add(retiring);
            }
        }
        return changed;
    }

    private String defaultSelector(String domain, DkimAlgorithm algorithm, Instant now) {
        String base = "pw" + SELECTOR_DATE.format(now) + (algorithm == DkimAlgorithm.ED25519_SHA256 ? "e" : "r");
        Set<String> taken = takenSelectors(domain);
        String candidate = base;
        for (int suffix = 2; taken.contains(candidate.toLowerCase(Locale.ROOT)); suffix++) {
            candidate = base + "-" + suffix;
        }
        return candidate;
    }

    /** Selectors are compared ignoring case: they name DNS records (RFC 4343). */
    private String requireFree(String domain, String selector) {
        if (takenSelectors(domain).contains(selector.toLowerCase(Locale.ROOT))) {
            throw new KeyConflictException("selector " + selector + " is already taken for " + domain);
        }
        return selector;
    }

    private Set<String> takenSelectors(String domain) {
        return store.keys(domain).stream().map(key -> key.selector().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    }

    private static void requirePending(DkimKey key) {
        if (key.state() != KeyState.PENDING) {
            throw new KeyStateConflictException("key " + key.selector() + " of " + key.domain() + " is "
                + key.state() + "; only PENDING keys can be activated", key.state());
        }
    }

    private static String id(DkimKey key) {
        return key.domain() + "/" + key.selector();
    }
}
