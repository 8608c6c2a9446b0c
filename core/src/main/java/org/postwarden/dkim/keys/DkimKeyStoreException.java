package org.postwarden.dkim.keys;

import org.postwarden.store.StoreUnavailableException;

/** A key store cannot read or write its data; the message names the file or entry at fault. */
public class DkimKeyStoreException extends StoreUnavailableException {
    private static final long serialVersionUID = 1L;

    public DkimKeyStoreException(String message, Throwable cause) {
        super("DKIM key", message, cause);
    }

    public DkimKeyStoreException(String message) {
        this(message, null);
    }
}
