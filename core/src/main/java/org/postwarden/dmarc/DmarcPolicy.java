package org.postwarden.dmarc;

import java.util.Locale;

/** The Domain Owner's requested handling of failing mail, p= and sp= (RFC 7489 §6.3). */
public enum DmarcPolicy {
    NONE,
    QUARANTINE,
    REJECT;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What applies to failing mail that pct= sampling left out: one level lower, reject becoming
     * quarantine and quarantine becoming none (RFC 7489 §6.3 "pct", §6.6.4).
     */
    public DmarcPolicy unsampled() {
        return this == REJECT ? QUARANTINE : NONE;
    }
}
