package org.postwarden.mtasts;

import java.util.Objects;
import java.util.Optional;

/**
 * The policy that applies to a domain, if any, and how it was found, for the logs: "fetched", "cached", or why the
 * domain has none.
 */
public record PolicyDiscovery(Optional<MtaStsPolicy> policy, String detail) {
    public PolicyDiscovery {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(detail, "detail");
    }

    static PolicyDiscovery of(MtaStsPolicy policy, String detail) {
        return new PolicyDiscovery(Optional.of(policy), detail);
    }

    static PolicyDiscovery none(String detail) {
        return new PolicyDiscovery(Optional.empty(), detail);
    }

    /** Whether mail must go only over validated TLS to matching MX hosts. */
    public boolean enforced() {
        return policy.map(p -> p.mode() == MtaStsPolicy.Mode.ENFORCE).orElse(false);
    }
}
