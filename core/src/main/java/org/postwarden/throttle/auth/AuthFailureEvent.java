package org.postwarden.throttle.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the authentication audit log, which is never pruned.
 *
 * @param address the client address, or for {@link Action#CLEARED} the address an administrator cleared
 * @param account the account tried; empty when an administrator cleared a whole address
 * @param protocol {@code smtp}, {@code imap}, or {@code webadmin} for {@link Action#CLEARED}
 */
public record AuthFailureEvent(Instant at, String address, String account, String protocol, Action action) {
    public enum Action {
        /** Wrong credentials, counted. */
        FAILED,
        /** Refused before the credentials were looked at: the address, or address and account, is over its limit. */
        REFUSED,
        /** An administrator cleared the counters. */
        CLEARED
    }

    public AuthFailureEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(action, "action");
    }
}
