package org.postwarden.dkim.keys;

/** The selector is already taken for the domain, or the key's state does not allow the change. */
public class KeyConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KeyConflictException(String message) {
        super(message);
    }
}
