package org.postwarden.inbound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.postwarden.authresults.MethodResults;

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
    /** The attributes {@link #results} reads back, by the RFC 8601 method they carry. */
    private static final Map<String, String> METHODS = Map.of("spf", SPF, "dkim", DKIM, "dmarc", DMARC, "arc", ARC);

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

    /**
     * Reads back what {@link #of} wrote: each method's results, or empty when the mail carries no verdict.
     *
     * @param attribute the values of the named attribute on the mail, none when it is absent
     */
    public static Optional<MethodResults> results(Function<String, List<String>> attribute) {
        if (attribute.apply(DISPOSITION).isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> byMethod = new LinkedHashMap<>();
        METHODS.forEach((method, name) -> byMethod.put(method,
            attribute.apply(name).stream().map(value -> value.toLowerCase(Locale.ROOT)).toList()));
        return Optional.of(new MethodResults(byMethod));
    }
}
