package org.postwarden.dkim;

import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one DKIM-Signature field, in RFC 8601 §2.7.1 terms. The status follows from the
 * failure reason ({@link DkimFailure.Reason#status()}); the mapping follows Stalwart mail-auth and
 * mailauth where RFC 6376 only says "PERMFAIL":
 * <ul>
 * <li>NEUTRAL: the signature field itself is unusable (syntax, missing or unsupported tags, From
 * not signed, i= outside d=), it expired (x=), or the body hash did not verify;</li>
 * <li>FAIL: the cryptographic check failed, or a t=s key rejects the i= subdomain;</li>
 * <li>POLICY: not evaluated because of local policy (signatures beyond the verifier's limit, or an
 * RSA key above the RFC 8301 floor but below the configured minimum);</li>
 * <li>TEMPERROR: the key query failed temporarily;</li>
 * <li>PERMERROR: the key is missing, revoked, malformed or unsuitable, or the algorithm is rsa-sha1;</li>
 * <li>NONE: the message carries no DKIM-Signature.</li>
 * </ul>
 * {@code testing} is true when the key record carries t=y (RFC 6376 §3.6.1).
 */
public record DkimResult(Status status, Optional<DkimFailure> failure, Optional<DkimSignature> signature,
                         boolean testing) {
    public enum Status {
        PASS,
        FAIL,
        NEUTRAL,
        POLICY,
        TEMPERROR,
        PERMERROR,
        NONE;

        /** The RFC 8601 result keyword, such as "pass". */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DkimResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(signature, "signature");
        if (failure.isPresent() != (status != Status.PASS && status != Status.NONE)
            || failure.isPresent() && failure.get().reason().status() != status) {
            throw new IllegalArgumentException(status + " does not go with failure " + failure);
        }
    }

    public static DkimResult none() {
        return new DkimResult(Status.NONE, Optional.empty(), Optional.empty(), false);
    }

    public static DkimResult pass(DkimSignature signature, boolean testing) {
        return new DkimResult(Status.PASS, Optional.empty(), Optional.of(signature), testing);
    }

    public static DkimResult failed(DkimFailure failure, Optional<DkimSignature> signature, boolean testing) {
        return new DkimResult(failure.reason().status(), Optional.of(failure), signature, testing);
    }

    /** RFC 8601 {@code header.d}: the signing domain. */
    public Optional<String> headerD() {
        return signature.map(DkimSignature::domain);
    }

    /** RFC 8601 {@code header.s}: the selector. */
    public Optional<String> headerS() {
        return signature.map(DkimSignature::selector);
    }

    /** RFC 8601 {@code header.i}: the agent or user identifier, "@" + d= when i= is absent. */
    public Optional<String> headerI() {
        return signature.map(DkimSignature::effectiveIdentity);
    }

    /** RFC 8601 {@code header.a}: the algorithm. */
    public Optional<String> headerA() {
        return signature.map(s -> s.algorithm().tagValue());
    }

    /** RFC 6008 {@code header.b}: the first 8 characters of the b= value. */
    public Optional<String> headerB() {
        return signature.map(s -> {
            String b = Base64.getEncoder().encodeToString(s.signature());
            return b.substring(0, Math.min(8, b.length()));
        });
    }
}
