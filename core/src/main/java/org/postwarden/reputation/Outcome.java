package org.postwarden.reputation;

import java.util.Locale;

/** What became of outgoing mail, counted per remote recipient. */
public enum Outcome {
    /** Handed to the relay: the denominator of the bad share. */
    SENT,
    /** Refused by the recipient's server with a 5xx reply. */
    REFUSED,
    /** Given up on for any other reason: no such domain, retries exhausted after 4xx replies. */
    BOUNCED,
    /** Held back by the server (spam check of forwards). */
    QUARANTINED;

    /** The name in counters, configuration and webadmin. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
