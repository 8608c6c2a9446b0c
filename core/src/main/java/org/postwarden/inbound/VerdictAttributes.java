package org.postwarden.inbound;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The names and values under which a verdict travels with the mail through the mailet container, for matchers
 * such as {@code DmarcResultIs=fail}. Values are RFC 8601 result keywords (lower case); DKIM has one per
 * signature, or {@code none}.
 */
public final class VerdictAttributes {
    public static final String SPF = "postwarden.spf.result";
    public static final String DKIM = "postwarden.dkim.result";
    public static final String DMARC = "postwarden.dmarc.result";
    public static final String DMARC_POLICY = "postwarden.dmarc.policy";
    public static final String ARC = "postwarden.arc.result";
    public static final String DISPOSITION = "postwarden.inbound.disposition";

    private VerdictAttributes() {
    }

    /** Each attribute's value: a String, or a List of Strings for DKIM. */
    public static Map<String, Object> of(InboundVerdict verdict) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(SPF, verdict.spf().status().keyword());
        attributes.put(DKIM, verdict.dkim().stream().map(result -> result.status().keyword()).toList());
        attributes.put(DMARC, verdict.dmarc().status().keyword());
        attributes.put(DMARC_POLICY, verdict.arcOverride() ? "none" : verdict.dmarc().disposition().keyword());
        attributes.put(ARC, verdict.arc().cv().tagValue());
        attributes.put(DISPOSITION, verdict.disposition().name().toLowerCase(Locale.ROOT));
        return attributes;
    }
}
