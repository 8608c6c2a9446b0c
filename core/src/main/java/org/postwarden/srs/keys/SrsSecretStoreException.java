package org.postwarden.srs.keys;

import org.postwarden.store.StoreUnavailableException;

/** The SRS secret store could not be read or written (its database is down, for one). */
public class SrsSecretStoreException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public SrsSecretStoreException(String message, Throwable cause) {
        super("SRS secret", message, cause);
    }
}
