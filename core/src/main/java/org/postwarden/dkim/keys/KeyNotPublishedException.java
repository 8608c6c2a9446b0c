package org.postwarden.dkim.keys;

import java.util.Objects;

/** Activation refused: DNS does not publish the key's record (see {@link #dnsCheck()} for what it publishes). */
public class KeyNotPublishedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient DnsCheck dnsCheck;

    public KeyNotPublishedException(DnsCheck dnsCheck) {
        super("the key record at " + dnsCheck.name() + " is not published (" + dnsCheck.status() + "): "
            + dnsCheck.message());
        this.dnsCheck = Objects.requireNonNull(dnsCheck, "dnsCheck");
    }

    public DnsCheck dnsCheck() {
        return dnsCheck;
    }
}
