package org.postwarden.srs.keys;

/** A rotation or removal the keyring refuses, with the reason. */
public final class SrsKeyringException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The secrets come from srs.properties, which only an operator edits. */
        CONFIGURED,
        /** No secret has this id. */
        UNKNOWN_SECRET,
        /** The secret signs: rotate first. */
        SIGNING_SECRET
    }

    private final Reason reason;

    SrsKeyringException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
