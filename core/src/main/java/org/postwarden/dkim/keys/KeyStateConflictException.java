package org.postwarden.dkim.keys;

/**
 * The key's state forbids the transition, such as activating a RETIRING or RETIRED key. A
 * {@link KeyConflictException}, so that callers mapping conflicts to HTTP 409 cover it too.
 */
public class KeyStateConflictException extends KeyConflictException {
    private static final long serialVersionUID = 1L;

    private final KeyState state;

    public KeyStateConflictException(String message, KeyState state) {
        super(message);
        this.state = state;
    }

    /** The state the key is in. */
    public KeyState state() {
        return state;
    }
}
