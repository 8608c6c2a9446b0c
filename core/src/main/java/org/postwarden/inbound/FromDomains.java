package org.postwarden.inbound;

import java.util.List;

import org.postwarden.dkim.RawMessage;
import org.postwarden.identity.HeaderAddresses;

/**
 * The domains of the RFC5322.From addresses, the identifiers DMARC aligns with (RFC 7489 §3.1, §6.6.1). A message
 * without a From field, or with one that does not parse, has none: DMARC then cannot be evaluated.
 */
final class FromDomains {
    private FromDomains() {
    }

    static List<String> of(RawMessage message) {
        return HeaderAddresses.of(message, "From").orElse(List.of()).stream()
            .filter(address -> address.contains("@"))
            .map(HeaderAddresses::domain)
            .filter(domain -> !domain.isBlank())
            .toList();
    }
}
