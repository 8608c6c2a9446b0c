package org.postwarden.greylist;

/** The store could not be reached or answered with an error. SMTP hooks catch it and let the mail through. */
public class GreylistStoreException extends RuntimeException {
    public GreylistStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public GreylistStoreException(String message) {
        super(message);
    }
}
