package org.postwarden.deliverability;

import java.util.Locale;

/** How one check came out, best first: the order makes the worst of several the greatest. */
public enum Status {
    PASS,
    /** Works, but a big provider may downgrade the mail, or the setting cannot be checked. */
    WARN,
    /** Mail from the domain is likely to be rejected or sent to spam until this is fixed. */
    FAIL;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Status worse(Status other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
