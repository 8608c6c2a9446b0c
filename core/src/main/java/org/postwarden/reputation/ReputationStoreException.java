package org.postwarden.reputation;

/** A reputation store could not be reached or answered with an error. */
public class ReputationStoreException extends RuntimeException {
    public ReputationStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
