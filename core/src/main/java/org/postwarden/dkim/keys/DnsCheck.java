package org.postwarden.dkim.keys;

import java.util.List;
import java.util.Objects;

/**
 * What DNS publishes at a key's name compared with the key.
 *
 * @param name             the key's DNS name, {@code selector._domainkey.domain}
 * @param expectedRecord   the record to publish
 * @param publishedRecords every TXT record found at {@code name} (each one's strings joined), DKIM or not
 * @param message          for operators: what matched, what differs, or why DNS failed
 */
public record DnsCheck(Status status, String name, String expectedRecord, List<String> publishedRecords,
                       String message) {
    public enum Status {
        /** A published record parses and carries the key's type and public key; other tags do not matter. */
        MATCH,
        /** DKIM record(s) are published but none carries the key: another key or type, revoked, or unusable. */
        MISMATCH,
        /** NXDOMAIN, NODATA, or only TXT records that are not DKIM key records. */
        MISSING,
        /** DNS failed; try again later. */
        TEMPFAIL
    }

    public DnsCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expectedRecord, "expectedRecord");
        publishedRecords = List.copyOf(publishedRecords);
        Objects.requireNonNull(message, "message");
    }

    public boolean matches() {
        return status == Status.MATCH;
    }
}
