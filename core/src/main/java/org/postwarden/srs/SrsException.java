package org.postwarden.srs;

/**
 * An address that cannot be rewritten or reversed, with the reason. The message starts with the reason's label,
 * e.g. {@code bad hash: ...}.
 */
public final class SrsException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why {@link Srs#reverse} (or, for {@link #MALFORMED}, {@link Srs#forward}) refused an address. */
    public enum Reason {
        /** No SRS0 or SRS1 tag: not an address this scheme made; deliver or reject it as any other. */
        NOT_SRS("not an SRS address"),
        /** A field is missing or unreadable, or the address is unusable (no domain, too long). */
        MALFORMED("malformed address"),
        /** The hash matches none of the secrets: forged, altered, or signed with a retired secret. */
        BAD_HASH("bad hash"),
        /** Authentic, but older than the maximum age (or from the future). */
        EXPIRED("expired");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Reason reason;

    SrsException(Reason reason, String detail) {
        super(reason.label() + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
