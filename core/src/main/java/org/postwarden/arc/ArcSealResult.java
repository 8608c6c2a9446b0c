package org.postwarden.arc;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ArcSealer#seal} did. When SEALED, {@code fields} holds the new set in the order RFC 8617
 * §5.1 step 4 generates it: ARC-Authentication-Results, ARC-Message-Signature, ARC-Seal (whole fields,
 * folded, without final CRLF); otherwise it is empty. {@code instance} and {@code cv} describe the set
 * added, or the one that was not.
 */
public record ArcSealResult(Status status, int instance, ChainValidationStatus cv, List<String> fields) {
    public enum Status {
        SEALED,
        /** §5.1 step 2: the newest ARC-Seal already says cv=fail; nothing is added. */
        CHAIN_TERMINATED,
        /** §4.2.1: a 51st set cannot be added. */
        INSTANCE_LIMIT
    }

    public ArcSealResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cv, "cv");
        fields = List.copyOf(fields);
        if (fields.size() != (status == Status.SEALED ? 3 : 0)) {
            throw new IllegalArgumentException(status + " with " + fields.size() + " fields");
        }
    }

    public boolean sealed() {
        return status == Status.SEALED;
    }

    /**
     * The fields to write at the top of the message, each ending with CRLF: ARC-Seal first, then
     * ARC-Message-Signature, then ARC-Authentication-Results, as dkimpy, mailauth and OpenARC place
     * them (each new field goes on top). Empty when nothing was sealed.
     */
    public String headerBlock() {
        StringBuilder block = new StringBuilder();
        for (int i = fields.size() - 1; i >= 0; i--) {
            block.append(fields.get(i)).append("\r\n");
        }
        return block.toString();
    }
}
