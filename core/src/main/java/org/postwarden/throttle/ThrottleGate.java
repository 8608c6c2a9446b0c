package org.postwarden.throttle;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything that happens to one MAIL or RCPT around the {@link Throttler}: which counters a command consumes, the
 * harvesting defence for our own recipients, the account's age, telling the postmaster of a new suspension, and
 * failing open when a store is down. The SMTP hook only translates the {@link Outcome}.
 *
 * <p>MAIL counts the message and its first recipient; each further recipient that the server will accept counts
 * one more recipient in the same counters ({@link Throttler#checkAnotherRecipient}). A recipient the server will
 * refuse after us (unknown, or a relay attempt) counts for nothing but harvesting.
 */
public final class ThrottleGate {

    /**
     * What the SMTP session knows about the client.
     *
     * @param user the authenticated account, normalised as {@link ThrottleKey#userName()}; empty when anonymous
     */
    public record Client(String ip, Optional<String> user, boolean relayingAllowed) {
    }

    /** A recipient as the server's directory sees it: one of our domains, and a user or alias there. */
    public record Recipient(boolean local, boolean exists) {
        /** Whether the server will accept it after us: a known local recipient, or a relay the client may make. */
        boolean accepted(Client client) {
            return exists && (local || client.relayingAllowed());
        }
    }

    /** Told once, by the decision that suspended an account; must not throw. */
    @FunctionalInterface
    public interface SuspensionNotice {
        void suspended(SuspensionEvent event, String clientIp);
    }

    /** One message, from MAIL on: how many of its recipients were accepted so far. */
    public static final class Transaction {
        private int acceptedRecipients;
    }

    public enum Verdict { PASSED, REFUSED, FAILED_OPEN }

    /**
     * @param decision the refusal, for {@link Verdict#REFUSED}
     * @param why for logs: the refusal's reason, or the store failure
     */
    public record Outcome(Verdict verdict, Optional<ThrottleDecision> decision, String why) {
        private static final Outcome PASSED = new Outcome(Verdict.PASSED, Optional.empty(), "within limits");

        static Outcome of(ThrottleDecision decision) {
            return decision.allowed() ? PASSED : new Outcome(Verdict.REFUSED, Optional.of(decision), decision.reason());
        }

        static Outcome failedOpen(ThrottleStoreException e) {
            return new Outcome(Verdict.FAILED_OPEN, Optional.empty(), e.getMessage());
        }
    }

    private final Throttler throttler;
    private final AccountAges ages;
    private final SuspensionNotice postmaster;
    private final Clock clock;

    public ThrottleGate(Throttler throttler, AccountAges ages, SuspensionNotice postmaster, Clock clock) {
        this.throttler = throttler;
        this.ages = ages;
        this.postmaster = postmaster;
        this.clock = clock;
    }

    /**
     * MAIL: counts the message and its first recipient.
     *
     * @param senderDomain the envelope sender's domain; empty for the null sender
     */
    public Outcome mail(Client client, Optional<String> senderDomain) {
        return countSender(client, senderDomain, false);
    }

    /**
     * RCPT: the harvesting defence for a local recipient, then one more recipient of the message once accepted.
     *
     * @param transaction the message's, created at its MAIL (a new one when MAIL was not seen)
     */
    public Outcome recipient(Client client, Optional<String> senderDomain, Recipient recipient,
                             Transaction transaction) {
        if (recipient.local()) {
            try {
                Outcome harvest = Outcome.of(throttler.checkRecipient(client.user().orElse(null), client.ip(),
                    recipient.exists()));
                if (harvest.verdict() == Verdict.REFUSED) {
                    return harvest;
                }
            } catch (ThrottleStoreException e) {
                return Outcome.failedOpen(e);
            }
        }
        if (!recipient.accepted(client)) {
            return Outcome.PASSED;
        }
        transaction.acceptedRecipients++;
        if (transaction.acceptedRecipients == 1) {
            // The first recipient was counted with the message at MAIL.
            return Outcome.PASSED;
        }
        return countSender(client, senderDomain, true);
    }

    private Outcome countSender(Client client, Optional<String> senderDomain, boolean anotherRecipient) {
        String user = client.user().orElse(null);
        String domain = senderDomain.orElse(null);
        try {
            Instant created = user == null ? null : ages.firstSeen(user, clock.instant());
            ThrottleDecision decision = anotherRecipient
                ? throttler.checkAnotherRecipient(user, domain, client.ip(), created)
                : throttler.checkSender(user, domain, client.ip(), 1, created);
            if (decision.newlySuspended()) {
                postmaster.suspended(decision.suspension().orElseThrow(), client.ip());
            }
            return Outcome.of(decision);
        } catch (ThrottleStoreException e) {
            return Outcome.failedOpen(e);
        }
    }
}
