package org.postwarden.spf;

/** The identity an SPF result is about (RFC 7208 §2.3, §2.4). */
public enum SpfIdentity {
    /** The reverse-path of MAIL FROM (RFC 7208 §2.4). */
    MAILFROM("mailfrom", "smtp.mailfrom"),
    /**
     * The HELO/EHLO domain (RFC 7208 §2.3). Also reported for a null reverse-path, whose check
     * runs on postmaster@HELO (RFC 7208 §2.4) and so authenticates the HELO domain.
     */
    HELO("helo", "smtp.helo");

    private final String keyword;
    private final String property;

    SpfIdentity(String keyword, String property) {
        this.keyword = keyword;
        this.property = property;
    }

    /** As in Received-SPF's {@code identity=} (RFC 7208 §9.1). */
    public String keyword() {
        return keyword;
    }

    /** The Authentication-Results property (RFC 8601 §2.7.2). */
    public String property() {
        return property;
    }
}
