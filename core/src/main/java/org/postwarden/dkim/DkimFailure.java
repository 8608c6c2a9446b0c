package org.postwarden.dkim;

import java.util.Objects;

/** Why a signature did not pass: a machine-readable reason and a human-readable message. */
public record DkimFailure(Reason reason, String message) {
    /** Each reason belongs to exactly one result status; see {@link DkimResult} for the mapping. */
    public enum Reason {
        SIGNATURE_SYNTAX(DkimResult.Status.NEUTRAL, "malformed signature"),
        MISSING_TAG(DkimResult.Status.NEUTRAL, "signature lacks a required tag"),
        UNSUPPORTED_VERSION(DkimResult.Status.NEUTRAL, "unsupported signature version"),
        UNSUPPORTED_ALGORITHM(DkimResult.Status.NEUTRAL, "unsupported signing algorithm"),
        UNSUPPORTED_CANONICALIZATION(DkimResult.Status.NEUTRAL, "unsupported canonicalization"),
        UNSUPPORTED_QUERY_METHOD(DkimResult.Status.NEUTRAL, "unsupported key query method"),
        FROM_NOT_SIGNED(DkimResult.Status.NEUTRAL, "From field not signed"),
        IDENTITY_MISMATCH(DkimResult.Status.NEUTRAL, "i= is not within d="),
        INVALID_EXPIRATION(DkimResult.Status.NEUTRAL, "x= is not after t="),
        SIGNATURE_EXPIRED(DkimResult.Status.NEUTRAL, "signature expired"),
        BODY_HASH_MISMATCH(DkimResult.Status.NEUTRAL, "body hash did not verify"),
        SIGNATURE_MISMATCH(DkimResult.Status.FAIL, "signature did not verify"),
        STRICT_IDENTITY_MISMATCH(DkimResult.Status.FAIL, "key flag t=s requires i= to be in d= exactly"),
        TOO_MANY_SIGNATURES(DkimResult.Status.POLICY, "signature not evaluated: too many signatures"),
        WEAK_KEY(DkimResult.Status.POLICY, "key shorter than local policy accepts"),
        KEY_UNAVAILABLE(DkimResult.Status.TEMPERROR, "key query failed"),
        NO_KEY(DkimResult.Status.PERMERROR, "no key for signature"),
        KEY_SYNTAX(DkimResult.Status.PERMERROR, "invalid key record"),
        KEY_REVOKED(DkimResult.Status.PERMERROR, "key revoked"),
        KEY_TYPE_MISMATCH(DkimResult.Status.PERMERROR, "inappropriate key algorithm"),
        KEY_HASH_MISMATCH(DkimResult.Status.PERMERROR, "inappropriate hash algorithm"),
        KEY_SERVICE_MISMATCH(DkimResult.Status.PERMERROR, "key not for email"),
        KEY_TOO_SHORT(DkimResult.Status.PERMERROR, "RSA key shorter than 1024 bits"),
        INSECURE_ALGORITHM(DkimResult.Status.PERMERROR, "rsa-sha1 is not acceptable");

        private final DkimResult.Status status;
        private final String text;

        Reason(DkimResult.Status status, String text) {
            this.status = status;
            this.text = text;
        }

        public DkimResult.Status status() {
            return status;
        }

        public String text() {
            return text;
        }
    }

    public DkimFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
