package org.postwarden.greylist;

import org.postwarden.store.StoreUnavailableException;

/** The store could not be reached or answered with an error. SMTP hooks catch it and let the mail through. */
public class GreylistStoreException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public GreylistStoreException(String message, Throwable cause) {
        super("greylist", message, cause);
    }

    public GreylistStoreException(String message) {
        this(message, null);
    }
}
