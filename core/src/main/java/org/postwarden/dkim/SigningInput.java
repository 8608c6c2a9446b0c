package org.postwarden.dkim;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The octets a DKIM-style signature covers (RFC 6376 §3.7): the signed header fields in h= order,
 * each canonicalized and followed by CRLF, then the signature field itself with the b= value
 * emptied, canonicalized, without a trailing CRLF. ARC (RFC 8617) builds on the same steps.
 */
public final class SigningInput {
    private static final int TYPICAL_SIZE = 1024;

    private SigningInput() {
    }

    /**
     * Picks the fields named by h= (RFC 6376 §5.4.2): for each name, the last instance not picked
     * yet, counting from the bottom. A name with no instance left contributes nothing (§5.4), which
     * is what makes listing a name once more than it occurs ("oversigning") forbid adding one.
     */
    public static List<HeaderField> select(List<HeaderField> headers, List<String> signedHeaders) {
        Map<String, Integer> nextCandidate = new HashMap<>();
        List<HeaderField> selected = new ArrayList<>(signedHeaders.size());
        for (String name : signedHeaders) {
            String key = name.toLowerCase(Locale.ROOT);
            int i = nextCandidate.getOrDefault(key, headers.size() - 1);
            while (i >= 0 && !headers.get(i).hasName(name)) {
                i--;
            }
            if (i >= 0) {
                selected.add(headers.get(i));
            }
            nextCandidate.put(key, i - 1);
        }
        return selected;
    }

    public static byte[] compute(RawMessage message, List<String> signedHeaders, Canonicalization canonicalization,
                                 String unsignedSignatureField) {
        return compute(select(message.headers(), signedHeaders), canonicalization, unsignedSignatureField);
    }

    public static byte[] compute(List<HeaderField> selected, Canonicalization canonicalization,
                                 String unsignedSignatureField) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(TYPICAL_SIZE);
        for (HeaderField field : selected) {
            canonicalization.canonicalizeHeader(field, out);
            out.write('\r');
            out.write('\n');
        }
        canonicalization.canonicalizeHeader(unsignedSignatureField, out);
        return out.toByteArray();
    }
}
