package org.postwarden.greylist;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How many greylist checks passed for a client network since its record was created or last expired. */
public record NetworkPasses(String network, long passCount, Instant firstPass, Instant lastPass, Instant expiresAt) {
    public NetworkPasses {
        firstPass = firstPass.truncatedTo(ChronoUnit.MILLIS);
        lastPass = lastPass.truncatedTo(ChronoUnit.MILLIS);
        expiresAt = expiresAt.truncatedTo(ChronoUnit.MILLIS);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
