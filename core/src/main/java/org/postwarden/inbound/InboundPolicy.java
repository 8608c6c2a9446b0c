package org.postwarden.inbound;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.postwarden.config.ConfigFile;

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
        return from(ConfigFile.of(InboundConfig.FILE, properties), defaultAuthservId);
    }

    public static InboundPolicy from(ConfigFile file, String defaultAuthservId) {
        String authservId = file.string("authservId", defaultAuthservId);
        Action onReject = file.choice("dmarc.reject", Action.REJECT, Action.class);
        Action onQuarantine = file.choice("dmarc.quarantine", "quarantine",
            Map.of("quarantine", Action.QUARANTINE, "tag", Action.TAG));
        Action onUnknownAuthor = file.choice("authorDomain.unknown", "reject",
            Map.of("reject", Action.REJECT, "quarantine", Action.QUARANTINE));
        boolean tempfail = file.choice("temperror", "accept", Map.of("accept", false, "tempfail", true));
        Set<String> sealers = file.list("arc.trustedSealers").stream()
            .map(domain -> domain.toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
        return file.check(() -> new InboundPolicy(authservId, onReject, onQuarantine, onUnknownAuthor, tempfail, sealers));
    }
}
