package org.postwarden.arc;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ArcForwardSealer#seal} did. When SEALED, {@code result} is the set added and {@code message} the
 * message with it on top; otherwise {@code message} is empty and {@code status} says why nothing was added.
 * {@code incoming} is the validation of the chain as the message arrived, whenever it was validated.
 */
public record ArcForwardSeal(Status status, Optional<ArcSealResult> result, Optional<ArcValidation> incoming,
                             Optional<byte[]> message) {
    public enum Status {
        SEALED,
        /** No Authentication-Results of our authserv-id: we did not check the message on the way in. */
        NOT_CHECKED_BY_US,
        /** Our Authentication-Results say dmarc=permerror: no author domain to vouch for. */
        DMARC_PERMERROR,
        /** No key to seal with. */
        NO_KEY,
        /** RFC 8617 §5.1 step 2: the newest ARC-Seal already says cv=fail. */
        CHAIN_TERMINATED,
        /** RFC 8617 §4.2.1: the message already carries 50 sets. */
        INSTANCE_LIMIT
    }

    public ArcForwardSeal {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(message, "message");
        if ((status == Status.SEALED) != message.isPresent() || message.isPresent() != result.isPresent()) {
            throw new IllegalArgumentException(status + " with result " + result.isPresent() + " and message "
                + message.isPresent());
        }
    }

    static ArcForwardSeal sealed(ArcSealResult result, ArcValidation incoming, byte[] message) {
        return new ArcForwardSeal(Status.SEALED, Optional.of(result), Optional.of(incoming), Optional.of(message));
    }

    static ArcForwardSeal notSealed(Status status) {
        return new ArcForwardSeal(status, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static ArcForwardSeal notSealed(Status status, ArcValidation incoming) {
        return new ArcForwardSeal(status, Optional.empty(), Optional.of(incoming), Optional.empty());
    }

    public boolean sealed() {
        return status == Status.SEALED;
    }
}
