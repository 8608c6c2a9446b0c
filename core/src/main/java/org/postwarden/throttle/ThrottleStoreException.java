package org.postwarden.throttle;

import org.postwarden.store.StoreUnavailableException;

/** A throttle store could not be reached or answered with an error. */
public class ThrottleStoreException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public ThrottleStoreException(String message, Throwable cause) {
        super("throttle", message, cause);
    }

    public ThrottleStoreException(String message) {
        this(message, null);
    }
}
