package org.postwarden.throttle;

/** A throttle store could not be reached or answered with an error. */
public class ThrottleStoreException extends RuntimeException {
    public ThrottleStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ThrottleStoreException(String message) {
        super(message);
    }
}
