package org.postwarden.throttle.auth;

import java.time.Duration;
import java.util.Optional;

/**
 * What a counted authentication failure means for the answer.
 *
 * @param delay how long to wait before answering the failure; zero when none is due or the store failed
 * @param storeFailure what went wrong when the throttle store could not count it (the failure then goes uncounted)
 */
public record FailureOutcome(Duration delay, Optional<String> storeFailure) {
    static FailureOutcome counted(Duration delay) {
        return new FailureOutcome(delay, Optional.empty());
    }

    static FailureOutcome uncounted(String storeFailure) {
        return new FailureOutcome(Duration.ZERO, Optional.of(storeFailure));
    }
}
