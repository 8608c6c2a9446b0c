package org.postwarden.throttle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Suspended accounts and the audit log of suspensions and unsuspensions, which is never pruned. Users are
 * {@link ThrottleKey.Kind#USER} keys so that every spelling of an account finds the same record. Every method
 * throws {@link ThrottleStoreException} when the backend fails.
 */
public interface SuspensionStore {
    /**
     * Suspends the account and logs it, unless it is suspended already: of concurrent calls exactly one returns
     * the new event, so the postmaster is told once.
     */
    Optional<SuspensionEvent> suspend(ThrottleKey user, String reason, Map<String, Long> counters, Instant now);

    /** The suspension in force, if any. */
    Optional<SuspensionEvent> suspension(ThrottleKey user);

    /** Lifts the suspension and logs it; empty, logging nothing, when the account was not suspended. */
    Optional<SuspensionEvent> unsuspend(ThrottleKey user, String reason, Instant now);

    /** Suspensions in force, oldest first. */
    List<SuspensionEvent> suspensions();

    /** The account's audit log, oldest first. */
    List<SuspensionEvent> history(ThrottleKey user);
}
