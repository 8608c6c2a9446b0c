package org.postwarden.reputation;

import java.util.LinkedHashMap;
import java.util.Map;

/** Outgoing mail of an account, or of the whole server, within the window, counted per remote recipient. */
public record ReputationCounts(long sent, long refused, long bounced, long quarantined) {
    public static final ReputationCounts NONE = new ReputationCounts(0, 0, 0, 0);

    public ReputationCounts plus(Outcome outcome, long units) {
        return switch (outcome) {
            case SENT -> new ReputationCounts(sent + units, refused, bounced, quarantined);
            case REFUSED -> new ReputationCounts(sent, refused + units, bounced, quarantined);
            case BOUNCED -> new ReputationCounts(sent, refused, bounced + units, quarantined);
            case QUARANTINED -> new ReputationCounts(sent, refused, bounced, quarantined + units);
        };
    }

    public ReputationCounts plus(ReputationCounts other) {
        return new ReputationCounts(sent + other.sent, refused + other.refused, bounced + other.bounced,
            quarantined + other.quarantined);
    }

    /** Refused, bounced or quarantined. */
    public long bad() {
        return refused + bounced + quarantined;
    }

    /**
     * The bad share of what was sent; 0 when nothing was. It can exceed 1 for a moment: a failure reported near the
     * end of the window may belong to a message sent before its start.
     */
    public double badShare() {
        return sent == 0 ? 0 : (double) bad() / sent;
    }

    /** By {@link Outcome#label()}, in declaration order. */
    public Map<String, Long> asMap() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put(Outcome.SENT.label(), sent);
        counters.put(Outcome.REFUSED.label(), refused);
        counters.put(Outcome.BOUNCED.label(), bounced);
        counters.put(Outcome.QUARANTINED.label(), quarantined);
        return counters;
    }
}
