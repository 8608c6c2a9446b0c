package org.postwarden.forward;

import org.postwarden.store.StoreUnavailableException;

/** The forward log could not be read or written (its database is down, for one). */
public class ForwardLogException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public ForwardLogException(String message, Throwable cause) {
        super("forward log", message, cause);
    }
}
