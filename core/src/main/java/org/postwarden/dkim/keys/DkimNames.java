package org.postwarden.dkim.keys;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Syntax of signing domains and selectors (RFC 6376 §3.1, §3.5, after RFC 5321 §4.1.2):
 * <pre>
 * selector    = sub-domain *( "." sub-domain )
 * domain-name = sub-domain 1*( "." sub-domain )
 * sub-domain  = Let-dig [Ldh-str]
 * Ldh-str     = *( ALPHA / DIGIT / "-" ) Let-dig
 * </pre>
 * Labels hold at most 63 octets and the key's DNS name at most 253 (RFC 1035 §2.3.4). Both also become
 * path segments in {@link FileDkimKeyStore}, which this syntax keeps safe (no "/", no "..").
 */
final class DkimNames {
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern SELECTOR = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
    private static final Pattern DOMAIN = Pattern.compile(LABEL + "(?:\\." + LABEL + ")+");
    private static final int MAX_NAME_LENGTH = 253;

    private DkimNames() {
    }

    /** Lower-cases the domain and drops a final root dot; {@link IllegalArgumentException} if it is not a domain name. */
    static String domain(String domain) {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("a domain is required");
        }
        String lowerCase = domain.strip().toLowerCase(Locale.ROOT);
        String normalized = lowerCase.endsWith(".") ? lowerCase.substring(0, lowerCase.length() - 1) : lowerCase;
        if (!DOMAIN.matcher(normalized).matches() || normalized.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("invalid domain \"" + domain
                + "\": expected dot-separated labels of letters, digits and inner hyphens (A-labels for IDNs)");
        }
        return normalized;
    }

    /** Checks selector syntax, keeping the selector's case; {@link IllegalArgumentException} if invalid. */
    static String selector(String selector) {
        if (selector == null || selector.isEmpty()) {
            throw new IllegalArgumentException("a selector is required");
        }
        if (!SELECTOR.matcher(selector).matches()) {
            throw new IllegalArgumentException("invalid selector \"" + selector
                + "\": expected dot-separated labels of letters, digits and inner hyphens (RFC 6376 §3.1)");
        }
        return selector;
    }

    /** {@code selector._domainkey.domain}, checked for length (RFC 6376 §3.6.2.1). */
    static String keyName(String domain, String selector) {
        String name = selector + "._domainkey." + domain;
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the key name " + name + " exceeds 253 characters");
        }
        return name;
    }

    static boolean isDomain(String name) {
        return DOMAIN.matcher(name).matches() && name.equals(name.toLowerCase(Locale.ROOT));
    }

    static boolean isSelector(String name) {
        return SELECTOR.matcher(name).matches();
    }
}
