package org.postwarden.dmarc;

import java.util.Optional;

/** Identifier alignment (RFC 7489 §3.1): does an authenticated domain match the RFC5322.From domain? */
public final class Alignment {
    /** adkim= and aspf= values (RFC 7489 §6.3). */
    public enum Mode {
        /** "r": the same Organizational Domain (RFC 7489 §3.1.1, §3.1.2). */
        RELAXED,
        /** "s": the very same domain. */
        STRICT
    }

    private Alignment() {
    }

    /** Domains compare case-insensitively, with or without root dot; an invalid name aligns with nothing. */
    public static boolean aligned(String authenticatedDomain, String fromDomain, Mode mode) {
        Optional<String> authenticated = OrganizationalDomain.normalize(authenticatedDomain);
        Optional<String> from = OrganizationalDomain.normalize(fromDomain);
        if (authenticated.isEmpty() || from.isEmpty()) {
            return false;
        }
        if (mode == Mode.STRICT) {
            return authenticated.equals(from);
        }
        return OrganizationalDomain.of(authenticated.get()).equals(OrganizationalDomain.of(from.get()));
    }
}
