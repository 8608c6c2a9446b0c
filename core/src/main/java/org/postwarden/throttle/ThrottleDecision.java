package org.postwarden.throttle;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the SMTP hook answers, and why.
 *
 * @param reason for logs and the SMTP reply text
 * @param retryAfter when a {@link Outcome#TEMPFAIL} may pass; zero otherwise
 * @param suspension for {@link Outcome#SUSPENDED}, the suspension in force
 * @param newlySuspended true for the one decision that suspended the account: the caller notifies the postmaster
 */
public record ThrottleDecision(Outcome outcome, String reason, Duration retryAfter,
                               Optional<SuspensionEvent> suspension, boolean newlySuspended) {
    private static final ThrottleDecision ALLOW = new ThrottleDecision(Outcome.ALLOW, "within limits",
        Duration.ZERO, Optional.empty(), false);

    public enum Outcome {
        ALLOW(250, "2.0.0"),
        /** Over a rate limit: try again later. */
        TEMPFAIL(451, "4.7.1"),
        /** Can never pass, such as more recipients in one message than a limit allows. */
        REFUSE(550, "5.7.1"),
        /** The account is suspended. */
        SUSPENDED(550, "5.7.1");

        private final int replyCode;
        private final String enhancedStatus;

        Outcome(int replyCode, String enhancedStatus) {
            this.replyCode = replyCode;
            this.enhancedStatus = enhancedStatus;
        }

        public int replyCode() {
            return replyCode;
        }

        /** RFC 3463 enhanced status code; 4.7.1 and 5.7.1 are "delivery not authorized". */
        public String enhancedStatus() {
            return enhancedStatus;
        }
    }

    public ThrottleDecision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Preconditions.checkArgument(suspension.isPresent() == (outcome == Outcome.SUSPENDED),
            "only suspensions carry a suspension record");
        Preconditions.checkArgument(!newlySuspended || outcome == Outcome.SUSPENDED,
            "only suspensions are new suspensions");
    }

    public static ThrottleDecision allow() {
        return ALLOW;
    }

    public static ThrottleDecision tempfail(String reason, Duration retryAfter) {
        return new ThrottleDecision(Outcome.TEMPFAIL, reason, retryAfter, Optional.empty(), false);
    }

    public static ThrottleDecision refuse(String reason) {
        return new ThrottleDecision(Outcome.REFUSE, reason, Duration.ZERO, Optional.empty(), false);
    }

    public static ThrottleDecision suspended(SuspensionEvent suspension, boolean newlySuspended) {
        return new ThrottleDecision(Outcome.SUSPENDED, "account " + suspension.user() + " is suspended: "
            + suspension.reason(), Duration.ZERO, Optional.of(suspension), newlySuspended);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }
}
