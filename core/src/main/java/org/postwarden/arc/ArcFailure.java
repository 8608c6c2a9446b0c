package org.postwarden.arc;

import java.util.Objects;

/** Why a chain did not pass: a machine-readable reason and a message naming the instance at fault. */
public record ArcFailure(Reason reason, String message) {
    public enum Reason {
        MALFORMED("malformed ARC header field"),
        TOO_MANY_SETS("more than 50 ARC sets"),
        BROKEN_CHAIN("ARC sets missing, duplicated or incomplete"),
        INVALID_CV("ARC-Seal cv= does not fit its instance"),
        CHAIN_FAILED("an ARC-Seal reports cv=fail"),
        UNSUPPORTED_ALGORITHM("unsupported signing algorithm"),
        BODY_HASH_MISMATCH("ARC-Message-Signature body hash did not verify"),
        AMS_SIGNATURE_MISMATCH("ARC-Message-Signature did not verify"),
        SIGNATURE_EXPIRED("ARC-Message-Signature expired"),
        SEAL_SIGNATURE_MISMATCH("ARC-Seal did not verify"),
        KEY_UNAVAILABLE("key query failed temporarily"),
        KEY_INVALID("no usable key");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public ArcFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** True when a retry may give another verdict: only a failed key query (DNS TEMPFAIL) is. */
    public boolean temporary() {
        return reason == Reason.KEY_UNAVAILABLE;
    }
}
