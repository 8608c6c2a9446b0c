package org.postwarden.arc;

import java.time.Instant;
import java.util.Optional;
import org.postwarden.dkim.DkimAlgorithm;

/**
 * A parsed ARC-Seal field (RFC 8617 §4.1.3): DKIM-Signature tags without v=, h=, bh=, c= or l=,
 * plus the instance and the Chain Validation Status.
 * <pre>
 * arc-seal = "ARC-Seal:" [CFWS] seal-tag-list
 * tags: i= instance, cv= chain-status, a=, b=, d=, s=, [t=]
 * </pre>
 * {@code field} is the field as received; {@code unsignedField} is the same with the b= value
 * removed. Do not modify the {@code signature} array.
 */
public record ArcSeal(int instance, ChainValidationStatus cv, DkimAlgorithm algorithm, String domain,
                      String selector, byte[] signature, Optional<Instant> timestamp, String field,
                      String unsignedField) {
    /** Where the key lives: {@code s._domainkey.d}, as for DKIM (RFC 8617 §4.1.3, RFC 6376 §3.6.2.1). */
    public String keyName() {
        return selector + "._domainkey." + domain;
    }
}
