package org.postwarden.arc;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.postwarden.dkim.Canonicalization;

/**
 * The octets an ARC-Seal signs (RFC 8617 §5.1.1): the ARC fields of instances 1 to i in order,
 * within each set ARC-Authentication-Results, ARC-Message-Signature then ARC-Seal, each with relaxed
 * header canonicalization and CRLF, the last being the seal itself with an empty b= and no CRLF.
 */
final class SealSigningInput {
    private static final int TYPICAL_SIZE = 2048;

    private SealSigningInput() {
    }

    /** {@code fields}: whole fields as received, oldest first, ending with the unsigned seal. */
    static byte[] compute(List<String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(TYPICAL_SIZE);
        for (int i = 0; i < fields.size(); i++) {
            // §4.1.3: the ARC-Seal has no c= tag; relaxed header canonicalization is the only one.
            Canonicalization.RELAXED.canonicalizeHeader(fields.get(i), out);
            if (i < fields.size() - 1) {
                out.write('\r');
                out.write('\n');
            }
        }
        return out.toByteArray();
    }
}
