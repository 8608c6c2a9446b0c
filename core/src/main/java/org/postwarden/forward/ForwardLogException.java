package org.postwarden.forward;

/** The forward log could not be read or written (its database is down, for one). */
public class ForwardLogException extends RuntimeException {
    public ForwardLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
