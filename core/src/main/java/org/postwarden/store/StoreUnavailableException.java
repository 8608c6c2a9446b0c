package org.postwarden.store;

/**
 * A shared store (a database, Redis, the key files) could not be reached or answered with an error. Every store's
 * failure is one of these, so that a route answers it with one 503 ({@code HttpErrors.storeUnavailable}) and a check
 * fails open with {@link FailOpen}. The message names what was being done and may quote SQL or the caller's input:
 * it is for the log, never for a client; {@link #summary()} is the wording a client or an SMTP log line gets.
 */
public class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String store;

    /** @param store the store's name as an operator knows it, e.g. "greylist" or "DKIM key" */
    public StoreUnavailableException(String store, String message, Throwable cause) {
        super(message, cause);
        this.store = store;
    }

    public String store() {
        return store;
    }

    /** "The greylist store is unavailable": the one wording of a store failure, without the details of the cause. */
    public String summary() {
        return "The " + store + " store is unavailable";
    }
}
