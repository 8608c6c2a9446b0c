package org.postwarden.spam;

/**
 * spamd gave no verdict: it could not be reached, did not answer within the timeout, answered with an error code
 * (e.g. {@code SPAMD/1.0 76 Bad header line}) or with something that is not the SPAMD protocol. The message was not
 * checked; the caller decides what an unchecked message becomes (the forwarding check retries, then quarantines).
 */
public class SpamdUnavailableException extends Exception {
    public SpamdUnavailableException(String message) {
        super(message);
    }

    public SpamdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
