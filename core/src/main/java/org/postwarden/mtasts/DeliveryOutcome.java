package org.postwarden.mtasts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of each recipient of one delivery attempt: delivered, refused for good (5xx: bounce now), or not yet
 * (4xx, or no MX host could be reached over valid TLS: retry later), with the reason.
 */
public record DeliveryOutcome(List<String> delivered, Map<String, String> refused, Map<String, String> deferred) {
    public DeliveryOutcome {
        delivered = List.copyOf(delivered);
        refused = Map.copyOf(new LinkedHashMap<>(refused));
        deferred = Map.copyOf(new LinkedHashMap<>(deferred));
    }

    static DeliveryOutcome allDeferred(List<String> recipients, String reason) {
        Map<String, String> deferred = new LinkedHashMap<>();
        recipients.forEach(recipient -> deferred.put(recipient, reason));
        return new DeliveryOutcome(List.of(), Map.of(), deferred);
    }

    static DeliveryOutcome allRefused(List<String> recipients, String reason) {
        Map<String, String> refused = new LinkedHashMap<>();
        recipients.forEach(recipient -> refused.put(recipient, reason));
        return new DeliveryOutcome(List.of(), refused, Map.of());
    }
}
