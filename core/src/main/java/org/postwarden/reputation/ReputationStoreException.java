package org.postwarden.reputation;

import org.postwarden.store.StoreUnavailableException;

/** A reputation store could not be reached or answered with an error. */
public class ReputationStoreException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public ReputationStoreException(String message, Throwable cause) {
        super("reputation", message, cause);
    }
}
