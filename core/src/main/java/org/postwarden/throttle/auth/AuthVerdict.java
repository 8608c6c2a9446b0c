package org.postwarden.throttle.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether an authentication may be tried at all.
 *
 * @param retryAfter for a refusal, how long until one more attempt would be let through; zero otherwise
 * @param storeFailure for {@link Status#UNCHECKED}, what went wrong with the store
 */
public record AuthVerdict(Status status, Duration retryAfter, Optional<String> storeFailure) {
    public static final AuthVerdict ALLOWED = new AuthVerdict(Status.ALLOWED, Duration.ZERO, Optional.empty());

    public enum Status {
        ALLOWED,
        /** Over a limit: refuse with a temporary error (SMTP 454 4.7.0, IMAP NO [UNAVAILABLE]) without checking. */
        REFUSED,
        /** The throttle store is unavailable: the guard fails open and the credentials are checked as usual. */
        UNCHECKED
    }

    static AuthVerdict refused(Duration retryAfter) {
        return new AuthVerdict(Status.REFUSED, retryAfter, Optional.empty());
    }

    static AuthVerdict unchecked(String storeFailure) {
        return new AuthVerdict(Status.UNCHECKED, Duration.ZERO, Optional.of(storeFailure));
    }

    /** Whether the credentials should be checked. */
    public boolean allowed() {
        return status != Status.REFUSED;
    }
}
