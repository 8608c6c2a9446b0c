package org.postwarden.webadmin.srs;

import java.time.Instant;
import java.util.Optional;

import org.postwarden.srs.keys.SrsSecretStatus;

/** The JSON of an SRS secret: times in ISO-8601, null when unknown (configured secrets) or not applicable. */
record SrsSecretView(String id, String created, boolean signing, String retired, String verifiesUntil) {
    static SrsSecretView of(SrsSecretStatus status) {
        return new SrsSecretView(status.id(), text(status.createdAt()), status.signing(), text(status.retiredAt()),
            text(status.verifiesUntil()));
    }

    private static String text(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
