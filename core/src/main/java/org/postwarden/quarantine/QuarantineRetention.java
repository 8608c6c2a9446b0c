package org.postwarden.quarantine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Which quarantined mails the retention purge deletes. */
public final class QuarantineRetention {
    private QuarantineRetention() {
    }

    /** Strictly older than the retention period. A mail without a date is kept. */
    public static boolean isExpired(Optional<Instant> quarantinedAt, Instant now, Duration retention) {
        return quarantinedAt.map(date -> date.plus(retention).isBefore(now)).orElse(false);
    }
}
