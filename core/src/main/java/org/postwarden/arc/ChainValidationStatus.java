package org.postwarden.arc;

import java.util.Locale;
import java.util.Optional;

/**
 * The Chain Validation Status of RFC 8617 §4.4, both the cv= tag of an ARC-Seal and the verdict of
 * a validator (§5.2). There is no temperror: see {@link ArcValidation#temporary()}.
 * <pre>
 * chain-status = ("none" / "fail" / "pass")
 * </pre>
 */
public enum ChainValidationStatus {
    NONE,
    PASS,
    FAIL;

    /** The cv= value, also the RFC 8601 result keyword of the "arc" method. */
    public String tagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChainValidationStatus> fromTagValue(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(NONE);
            case "pass" -> Optional.of(PASS);
            case "fail" -> Optional.of(FAIL);
            default -> Optional.empty();
        };
    }
}
