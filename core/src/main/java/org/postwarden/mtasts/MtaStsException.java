package org.postwarden.mtasts;

/** A policy that cannot be fetched or parsed, or a delivery that the policy does not allow. */
public class MtaStsException extends Exception {
    public MtaStsException(String message) {
        super(message);
    }

    public MtaStsException(String message, Throwable cause) {
        super(message, cause);
    }
}
