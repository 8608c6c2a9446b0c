package org.postwarden.arc;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verdict on a message's ARC chain (RFC 8617 §5.2).
 * <ul>
 * <li>{@code cv}: NONE without ARC fields, PASS, or FAIL with a {@code failure};</li>
 * <li>{@code instanceCount}: N, the highest instance found, which a sealer follows with N+1 (§5.1);</li>
 * <li>{@code sets}: instances 1 to N, oldest first, whenever the structure was valid (also when a
 * signature then failed), empty otherwise;</li>
 * <li>{@code oldestPass}: on PASS, the lowest instance from which every ARC-Message-Signature up to N
 * still validates, or 0 when all of them do (§5.2 step 6); 0 otherwise.</li>
 * </ul>
 * A key query that failed temporarily (DNS TEMPFAIL) gives FAIL, as in dkimpy, mailauth and Mail::DKIM:
 * RFC 8617 has no temperror status. {@link #temporary()} tells such failures apart, so that a caller
 * able to defer the message may do so instead of acting on the fail.
 */
public record ArcValidation(ChainValidationStatus cv, Optional<ArcFailure> failure, int instanceCount,
                            List<ArcSet> sets, int oldestPass) {
    public ArcValidation {
        Objects.requireNonNull(cv, "cv");
        Objects.requireNonNull(failure, "failure");
        sets = List.copyOf(sets);
        if (failure.isPresent() != (cv == ChainValidationStatus.FAIL)) {
            throw new IllegalArgumentException(cv + " does not go with failure " + failure);
        }
        if (oldestPass != 0 && (cv != ChainValidationStatus.PASS || oldestPass > instanceCount)) {
            throw new IllegalArgumentException("oldest-pass " + oldestPass + " with cv=" + cv.tagValue());
        }
    }

    public static ArcValidation none() {
        return new ArcValidation(ChainValidationStatus.NONE, Optional.empty(), 0, List.of(), 0);
    }

    public static ArcValidation pass(List<ArcSet> sets, int oldestPass) {
        return new ArcValidation(ChainValidationStatus.PASS, Optional.empty(), sets.size(), sets, oldestPass);
    }

    public static ArcValidation fail(ArcFailure failure, int instanceCount, List<ArcSet> sets) {
        return new ArcValidation(ChainValidationStatus.FAIL, Optional.of(failure), instanceCount, sets, 0);
    }

    /** True when the chain failed only because a key query failed temporarily. */
    public boolean temporary() {
        return failure.map(ArcFailure::temporary).orElse(false);
    }

    /** The newest set, when the structure was valid. */
    public Optional<ArcSet> latest() {
        return sets.isEmpty() ? Optional.empty() : Optional.of(sets.get(sets.size() - 1));
    }

    /**
     * When the chain passes and its newest set was sealed (ARC-Seal d=) by one of {@code trustedSealers}
     * (domain names, case-insensitive, a trailing dot ignored), what that sealer's
     * ARC-Authentication-Results say about the original SPF and DKIM results; empty otherwise.
     */
    public Optional<TrustedArcSealer> trustedOriginalAuthentication(Set<String> trustedSealers) {
        if (cv != ChainValidationStatus.PASS) {
            return Optional.empty();
        }
        Set<String> trusted = trustedSealers.stream().map(ArcValidation::normalize).collect(Collectors.toSet());
        return latest()
            .filter(set -> trusted.contains(normalize(set.seal().domain())))
            .map(set -> new TrustedArcSealer(set.seal().domain(), set.instance(),
                set.authenticationResults().authservId(), set.authenticationResults().passed("spf"),
                set.authenticationResults().passed("dkim")));
    }

    private static String normalize(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
