package org.postwarden.dkim.keys;

/** A key store cannot read or write its data; the message names the file or entry at fault. */
public class DkimKeyStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DkimKeyStoreException(String message) {
        super(message);
    }

    public DkimKeyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
