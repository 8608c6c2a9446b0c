package org.postwarden.spf;

import java.util.Locale;

/** The seven results of check_host() (RFC 7208 §2.6). */
public enum SpfStatus {
    PASS,
    FAIL,
    SOFTFAIL,
    NEUTRAL,
    NONE,
    TEMPERROR,
    PERMERROR;

    /** The result name as written in Received-SPF and Authentication-Results, e.g. "softfail". */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Maps jSPF's result strings (its {@code SPFErrorConstants}), which are our keywords. */
    static SpfStatus fromKeyword(String keyword) {
        for (SpfStatus status : values()) {
            if (status.keyword().equals(keyword)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown SPF result \"" + keyword + "\"");
    }
}
