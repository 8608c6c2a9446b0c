package org.postwarden.srs.keys;

/** The SRS secret store could not be read or written (its database is down, for one). */
public class SrsSecretStoreException extends RuntimeException {
    public SrsSecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
