package org.postwarden.dkim;

/** A signature, key record or key cannot be used; carries the failure to report. */
public final class DkimException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient DkimFailure failure;

    public DkimException(DkimFailure.Reason reason, String message) {
        super(message);
        this.failure = new DkimFailure(reason, message);
    }

    public DkimException(DkimFailure.Reason reason) {
        this(reason, reason.text());
    }

    public DkimFailure failure() {
        return failure;
    }
}
