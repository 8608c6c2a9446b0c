package org.postwarden.greylist;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The greylisting decision, as a pure function of what the store holds, so that every store behaves alike.
 *
 * <p>A triplet seen for the first time is deferred and remembered as PENDING until the end of the retry window.
 * A retry before the minimum delay is deferred again without touching the record. A retry between the delay
 * and the end of the window passes and the triplet becomes PASSED; each later message passes and keeps it for
 * another expiry period. A record past its expiry counts as absent: greylisting starts over.
 */
public final class GreylistRules {
    /** The decision and, when it changes, the record the store must hold afterwards. */
    public record Transition(GreylistDecision decision, Optional<TripletRecord> next) {
    }

    private final GreylistConfiguration configuration;

    public GreylistRules(GreylistConfiguration configuration) {
        this.configuration = configuration;
    }

    public Transition evaluate(Optional<TripletRecord> stored, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        if (stored.isEmpty()) {
            return startRound(GreylistDecision.Reason.NEW_TRIPLET, at);
        }
        TripletRecord record = stored.get();
        if (record.isExpired(at)) {
            return startRound(record.state() == TripletRecord.State.PENDING
                ? GreylistDecision.Reason.RETRY_WINDOW_EXPIRED
                : GreylistDecision.Reason.NEW_TRIPLET, at);
        }
        if (record.state() == TripletRecord.State.PENDING) {
            Instant retryAfter = record.firstSeen().plus(configuration.minimumDelay());
            if (at.isBefore(retryAfter)) {
                return new Transition(GreylistDecision.defer(GreylistDecision.Reason.TOO_EARLY, retryAfter),
                    Optional.empty());
            }
            return passed(GreylistDecision.Reason.PASSED_RETRY, record, at);
        }
        return passed(GreylistDecision.Reason.KNOWN_TRIPLET, record, at);
    }

    /** A network is auto-whitelisted while its unexpired pass count reaches the threshold. */
    public boolean isAutoWhitelisted(Optional<NetworkPasses> passes, Instant now) {
        return configuration.autoWhitelistEnabled()
            && passes.filter(network -> !network.isExpired(now))
                .map(network -> network.passCount() >= configuration.autoWhitelistThreshold())
                .orElse(false);
    }

    private Transition startRound(GreylistDecision.Reason reason, Instant now) {
        TripletRecord pending = new TripletRecord(TripletRecord.State.PENDING, now, now, 0,
            now.plus(configuration.retryWindow()));
        return new Transition(GreylistDecision.defer(reason, now.plus(configuration.minimumDelay())),
            Optional.of(pending));
    }

    private Transition passed(GreylistDecision.Reason reason, TripletRecord record, Instant now) {
        TripletRecord next = new TripletRecord(TripletRecord.State.PASSED, record.firstSeen(), now,
            record.passCount() + 1, now.plus(configuration.expiry()));
        return new Transition(GreylistDecision.pass(reason), Optional.of(next));
    }
}
