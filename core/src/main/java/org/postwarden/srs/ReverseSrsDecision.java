package org.postwarden.srs;

import java.time.Duration;
import java.util.Objects;

/**
 * What the SMTP session answers to a recipient, or a message, for one of our SRS addresses.
 *
 * @param reason the reply text after the enhanced status code, also logged
 * @param retryAfter when a temporary refusal may pass; zero otherwise
 * @param storeFailure why the rate counters were skipped (fail open), or empty
 */
public record ReverseSrsDecision(Verdict verdict, String reason, Duration retryAfter, String storeFailure) {

    public enum Verdict {
        /** Not an SRS address of ours: other hooks decide. */
        NOT_OURS(0, ""),
        ACCEPT(250, "2.1.5"),
        /** Accepted at RCPT, but the message must be an automatic reply (checked at the end of DATA). */
        ACCEPT_IF_AUTOMATIC(250, "2.1.5"),
        /** Forged, altered, malformed or expired: no such address. */
        UNKNOWN_ADDRESS(550, "5.1.1"),
        /** A valid address, but the mail is not a bounce (nor an automatic reply where those are accepted). */
        NOT_A_RETURN(550, "5.7.1"),
        /** The client named too many unknown recipients, bad SRS hashes included (the harvesting defence). */
        HARVESTING(451, "4.7.1"),
        /** Over {@code reverse.perAddress} or {@code reverse.perClient}. */
        OVER_LIMIT(450, "4.7.1");

        private final int replyCode;
        private final String enhancedStatus;

        Verdict(int replyCode, String enhancedStatus) {
            this.replyCode = replyCode;
            this.enhancedStatus = enhancedStatus;
        }

        public int replyCode() {
            return replyCode;
        }

        /** RFC 3463: 5.1.1 bad destination mailbox, 4.7.1 and 5.7.1 delivery not authorized. */
        public String enhancedStatus() {
            return enhancedStatus;
        }
    }

    public ReverseSrsDecision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(storeFailure, "storeFailure");
    }

    static ReverseSrsDecision of(Verdict verdict, String reason) {
        return new ReverseSrsDecision(verdict, reason, Duration.ZERO, "");
    }

    ReverseSrsDecision failedOpen(String failure) {
        return new ReverseSrsDecision(verdict, reason, retryAfter, failure);
    }

    public boolean accepted() {
        return verdict == Verdict.ACCEPT || verdict == Verdict.ACCEPT_IF_AUTOMATIC;
    }

    /** Whether the recipient is refused, for good or for now. */
    public boolean refused() {
        return verdict.replyCode() >= 400;
    }
}
