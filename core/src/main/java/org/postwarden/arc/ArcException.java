package org.postwarden.arc;

/** An ARC header field or signature cannot be accepted; carries the failure to report. */
public final class ArcException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ArcFailure failure;

    public ArcException(ArcFailure.Reason reason, String message) {
        super(message);
        this.failure = new ArcFailure(reason, message);
    }

    public ArcFailure failure() {
        return failure;
    }
}
