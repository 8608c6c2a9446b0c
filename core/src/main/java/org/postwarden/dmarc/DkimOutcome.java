package org.postwarden.dmarc;

import java.util.Objects;

/**
 * One DKIM signature's result, as DMARC needs it (RFC 7489 §4.2): only passing signatures count,
 * through their d= domain.
 */
public record DkimOutcome(Status status, String domain) {
    /** The DKIM results of RFC 8601 §2.7.1. */
    public enum Status {
        PASS,
        FAIL,
        NEUTRAL,
        POLICY,
        NONE,
        TEMPERROR,
        PERMERROR
    }

    public DkimOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(domain, "domain");
    }

    boolean passed() {
        return status == Status.PASS;
    }
}
