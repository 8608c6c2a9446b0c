package org.postwarden.mtasts;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetched policies per domain, each with the record id it was fetched under, valid for its max_age (RFC 8461 §5.1).
 * In memory: after a restart policies are discovered again, which §5.1 allows at the cost of one HTTPS fetch.
 */
public final class PolicyCache {
    /** A policy fetched while the TXT record carried {@code id}. */
    public record Entry(String id, MtaStsPolicy policy, Instant expires) {
        boolean validAt(Instant now) {
            return now.isBefore(expires);
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The domain's policy unless its max_age has passed. */
    public Optional<Entry> valid(String domain, Instant now) {
        return Optional.ofNullable(entries.get(key(domain))).filter(entry -> entry.validAt(now));
    }

    public void put(String domain, String id, MtaStsPolicy policy, Instant now) {
        entries.put(key(domain), new Entry(id, policy, now.plus(policy.maxAge())));
    }

    private static String key(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }
}
