package org.postwarden.dmarc;

import java.util.Objects;
import org.postwarden.spf.SpfStatus;

/**
 * What SPF concluded, as DMARC needs it (RFC 7489 §4.2): the result and the domain it is about,
 * the MAIL FROM domain, or the HELO domain for a null reverse-path. An address is accepted too; its
 * domain part is used.
 */
public record SpfOutcome(SpfStatus status, String domain) {
    public SpfOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(domain, "domain");
    }

    /** No SPF result at all, e.g. SPF was not checked. */
    public static SpfOutcome none() {
        return new SpfOutcome(SpfStatus.NONE, "");
    }

    boolean passed() {
        return status == SpfStatus.PASS;
    }

    String authenticatedDomain() {
        return domain.substring(domain.lastIndexOf('@') + 1);
    }
}
