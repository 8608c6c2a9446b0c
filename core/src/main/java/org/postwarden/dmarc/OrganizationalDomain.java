package org.postwarden.dmarc;

import com.google.common.base.Splitter;
import com.google.common.net.InternetDomainName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Organizational Domain of RFC 7489 §3.2, from the Public Suffix List that Guava bundles:
 * the public suffix plus one label. A name that is itself a public suffix is its own
 * Organizational Domain, and a name under no listed suffix falls back to the list's default rule
 * "*", so its public suffix is its last label.
 */
public final class OrganizationalDomain {
    private OrganizationalDomain() {
    }

    /** Lower-case, without the root dot; empty when the name is not a valid domain name. */
    public static Optional<String> of(String domain) {
        return normalize(domain).map(OrganizationalDomain::organizational);
    }

    /** The lower-case name without root dot, when it is a valid domain name. */
    static Optional<String> normalize(String domain) {
        String name = domain.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return InternetDomainName.isValid(name) && !name.isEmpty() ? Optional.of(name) : Optional.empty();
    }

    private static String organizational(String name) {
        InternetDomainName domain = InternetDomainName.from(name);
        if (domain.isUnderPublicSuffix()) {
            return domain.topPrivateDomain().toString();
        }
        if (domain.hasPublicSuffix()) {
            // The name is a public suffix: there is no label to add.
            return name;
        }
        // RFC 7489 §3.2 step 2: no listed suffix matches, the default rule "*" makes the last label the suffix.
        List<String> labels = Splitter.on('.').splitToList(name);
        return labels.size() <= 2 ? name : String.join(".", labels.subList(labels.size() - 2, labels.size()));
    }
}
