package org.postwarden.greylist;

import com.google.common.base.Preconditions;
import java.time.Instant;
import java.util.Optional;

/** Whether a recipient is accepted or deferred (SMTP 451 4.7.1), why, and for a deferral when to retry. */
public record GreylistDecision(Reason reason, Optional<Instant> retryAfter) {
    public enum Reason {
        NEW_TRIPLET(false),
        /** Retried before the minimum delay elapsed. */
        TOO_EARLY(false),
        /** Retried after the retry window closed: greylisting starts over. */
        RETRY_WINDOW_EXPIRED(false),
        PASSED_RETRY(true),
        KNOWN_TRIPLET(true),
        AUTO_WHITELISTED_NETWORK(true);

        private final boolean passes;

        Reason(boolean passes) {
            this.passes = passes;
        }

        public boolean passes() {
            return passes;
        }
    }

    public GreylistDecision {
        Preconditions.checkArgument(retryAfter.isPresent() != reason.passes(),
            "only deferrals carry a retry time");
    }

    public static GreylistDecision pass(Reason reason) {
        return new GreylistDecision(reason, Optional.empty());
    }

    public static GreylistDecision defer(Reason reason, Instant retryAfter) {
        return new GreylistDecision(reason, Optional.of(retryAfter));
    }

    public boolean isPass() {
        return reason.passes();
    }

    public boolean isDeferred() {
        return !reason.passes();
    }
}
