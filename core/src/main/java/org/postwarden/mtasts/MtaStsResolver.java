package org.postwarden.mtasts;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;

/**
 * The MTA-STS policy of a recipient domain (RFC 8461 §3, §5.1): a cached policy whose id still matches the TXT
 * record is used as is; a new id, or no cached policy, means fetching over HTTPS. When discovery or the fetch
 * fails, a cached policy that has not expired still applies (§5.1), so that an attacker who blocks the TXT lookup
 * or the HTTPS fetch cannot downgrade delivery; without one the domain is treated as having no policy.
 */
public final class MtaStsResolver {
    private final DnsResolver resolver;
    private final PolicyFetcher fetcher;
    private final PolicyCache cache;
    private final Clock clock;

    public MtaStsResolver(DnsResolver resolver, PolicyFetcher fetcher, PolicyCache cache, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public PolicyDiscovery policyFor(String domain) {
        Instant now = clock.instant();
        Optional<PolicyCache.Entry> cached = cache.valid(domain, now);
        DnsAnswer answer = resolver.lookup(MtaStsRecord.PREFIX + domain, RecordType.TXT);
        Optional<MtaStsRecord> record = MtaStsRecord.select(answer.texts());
        if (record.isEmpty()) {
            String why = answer.status() == DnsAnswer.Status.TEMPFAIL ? "DNS failure (" + answer.reason() + ")"
                : "no valid MTA-STS record";
            return cached.map(entry -> PolicyDiscovery.of(entry.policy(), "cached, " + why))
                .orElseGet(() -> PolicyDiscovery.none(why));
        }
        String id = record.get().id();
        if (cached.isPresent() && cached.get().id().equals(id)) {
            return PolicyDiscovery.of(cached.get().policy(), "cached, id " + id);
        }
        try {
            MtaStsPolicy policy = fetcher.fetch(domain);
            cache.put(domain, id, policy, now);
            return PolicyDiscovery.of(policy, "fetched, id " + id);
        } catch (MtaStsException e) {
            return cached.map(entry -> PolicyDiscovery.of(entry.policy(), "cached, fetch failed: " + e.getMessage()))
                .orElseGet(() -> PolicyDiscovery.none("policy fetch failed: " + e.getMessage()));
        }
    }
}
