package org.postwarden.dkim.keys;

/** No key is stored under the domain and selector. */
public class UnknownKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownKeyException(String message) {
        super(message);
    }

    static UnknownKeyException of(String domain, String selector) {
        return new UnknownKeyException("no DKIM key " + selector + " for " + domain);
    }
}
