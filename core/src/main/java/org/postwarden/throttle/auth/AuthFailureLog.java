package org.postwarden.throttle.auth;

import java.time.Instant;
import java.util.List;

/**
 * The audit log of failed and refused authentications and of administrators' clearings, shared by the nodes that
 * share the database. Every method throws {@link org.postwarden.throttle.ThrottleStoreException} when the backend
 * fails.
 */
public interface AuthFailureLog {
    void append(AuthFailureEvent event);

    /** Events at or after {@code from}, oldest first. */
    List<AuthFailureEvent> since(Instant from);

    /** Every event of one address, oldest first, at most {@code limit} of the newest. */
    List<AuthFailureEvent> ofAddress(String address, int limit);
}
