package org.postwarden.throttle;

import java.util.Map;
import java.util.Optional;

/** A default quota, and quotas for particular domains. */
public record LimitTable(Quota defaults, Map<String, Quota> domains) {
    public static final LimitTable NONE = new LimitTable(Quota.NONE, Map.of());

    public LimitTable {
        domains = Map.copyOf(domains);
    }

    /** The quota of {@code domain}, normalised like a {@link ThrottleKey} domain, if it has its own. */
    public Optional<Quota> domain(String domain) {
        return Optional.ofNullable(domains.get(domain));
    }

    public Quota forDomain(String domain) {
        return domain(domain).orElse(defaults);
    }
}
