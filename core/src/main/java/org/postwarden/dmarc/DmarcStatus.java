package org.postwarden.dmarc;

import java.util.Locale;

/** DMARC results as reported in Authentication-Results (RFC 7489 §11.2, RFC 8601 §2.7). */
public enum DmarcStatus {
    PASS,
    FAIL,
    /** No DMARC policy applies: no record, several records, or an unusable one (RFC 7489 §6.6.3). */
    NONE,
    /** The policy could not be discovered because of a DNS failure. */
    TEMPERROR,
    /** The message gives nothing to evaluate: no usable RFC5322.From domain (RFC 7489 §6.6.1). */
    PERMERROR;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
