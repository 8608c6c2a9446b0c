package org.postwarden.inbound;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.common.base.Preconditions;

/**
 * What the server does with the verdict, from conf/authentication.properties:
 * <ul>
 *   <li>{@code authservId}: the name in our Authentication-Results headers (default: the server's host name);</li>
 *   <li>{@code dmarc.reject} ({@code reject}): for DMARC {@code p=reject} failures: {@code reject} (550 5.7.1
 *   at DATA), {@code quarantine} (to the recipient's Spam folder) or {@code tag} (header only);</li>
 *   <li>{@code dmarc.quarantine} ({@code quarantine}): for {@code p=quarantine} failures: {@code quarantine} or
 *   {@code tag};</li>
 *   <li>{@code authorDomain.unknown} ({@code reject}): for mail whose RFC5322.From domain cannot be determined (no
 *   From field, several, no parseable address in it; RFC 7489 §6.6.1): {@code reject} (550 5.7.1 at DATA) or
 *   {@code quarantine} (to the recipient's Spam folder, never forwarded);</li>
 *   <li>{@code temperror} ({@code accept}): when a DNS lookup failed for SPF or DMARC: {@code accept} (tag and
 *   deliver) or {@code tempfail} (451 4.7.0, the sender retries);</li>
 *   <li>{@code arc.trustedSealers}: comma separated domains whose ARC seals are believed when DMARC fails (a
 *   mailing list or forwarder that re-signs mail).</li>
 * </ul>
 */
public record InboundPolicy(String authservId, Action onReject, Action onQuarantine, Action onUnknownAuthor,
                            boolean tempfailOnTemperror, Set<String> trustedArcSealers) {

    public enum Action { REJECT, QUARANTINE, TAG }

    public InboundPolicy {
        Preconditions.checkArgument(onQuarantine != Action.REJECT, "dmarc.quarantine cannot be reject");
        Preconditions.checkArgument(onUnknownAuthor != Action.TAG, "authorDomain.unknown must be reject or quarantine");
        trustedArcSealers = Set.copyOf(trustedArcSealers);
    }

    public static InboundPolicy from(Map<String, String> properties, String defaultAuthservId) {
        return new InboundPolicy(
            properties.getOrDefault("authservId", "").isBlank() ? defaultAuthservId : properties.get("authservId").trim(),
            action(properties, "dmarc.reject", "reject"),
            action(properties, "dmarc.quarantine", "quarantine"),
            action(properties, "authorDomain.unknown", "reject"),
            temperror(properties.getOrDefault("temperror", "accept")),
            Arrays.stream(properties.getOrDefault("arc.trustedSealers", "").split(","))
                .map(domain -> domain.trim().toLowerCase(Locale.ROOT))
                .filter(domain -> !domain.isEmpty())
                .collect(Collectors.toSet()));
    }

    private static Action action(Map<String, String> properties, String key, String defaultValue) {
        String value = properties.getOrDefault(key, defaultValue).trim();
        try {
            return Action.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be reject, quarantine or tag, got '" + value + "'");
        }
    }

    private static boolean temperror(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "accept" -> false;
            case "tempfail" -> true;
            default -> throw new IllegalArgumentException("temperror must be accept or tempfail, got '" + value + "'");
        };
    }
}
