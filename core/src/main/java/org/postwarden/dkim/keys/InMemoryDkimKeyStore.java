package org.postwarden.dkim.keys;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keys held in memory only: for tests and for servers that import their keys at every start. */
public final class InMemoryDkimKeyStore implements DkimKeyStore {
    /** Oldest first; ties (keys created within the same instant) by selector. */
    static final Comparator<DkimKey> OLDEST_FIRST = Comparator.comparing(DkimKey::created)
        .thenComparing(DkimKey::selector);
    static final Comparator<DkimKey> BY_DOMAIN_THEN_OLDEST = Comparator.comparing(DkimKey::domain)
        .thenComparing(OLDEST_FIRST);

    private record Id(String domain, String selector) {
    }

    private final Map<Id, DkimKey> keys = new ConcurrentHashMap<>();

    @Override
    public void save(DkimKey key) {
        Objects.requireNonNull(key, "key");
        keys.put(new Id(key.domain(), key.selector()), key);
    }

    @Override
    public Optional<DkimKey> find(String domain, String selector) {
        return Optional.ofNullable(keys.get(new Id(lowerCase(domain), Objects.requireNonNull(selector, "selector"))));
    }

    @Override
    public List<DkimKey> keys(String domain) {
        String lowerCase = lowerCase(domain);
        return keys.values().stream().filter(key -> key.domain().equals(lowerCase)).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public List<DkimKey> all() {
        return keys.values().stream().sorted(BY_DOMAIN_THEN_OLDEST).toList();
    }

    private static String lowerCase(String domain) {
        String lowerCase = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
        return lowerCase.endsWith(".") ? lowerCase.substring(0, lowerCase.length() - 1) : lowerCase;
    }
}
