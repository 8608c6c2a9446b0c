package org.postwarden.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    private SigningInput() {
    }

    /**
     * Picks the fields named by h= (RFC 6376 §5.4.2): for each name, the last instance not picked
     * yet, counting from the bottom. A name with no instance left contributes nothing (§5.4), which
     * is what makes listing a name once more than it occurs ("oversigning") forbid adding one.
     */
    public static List<HeaderField> select(List<HeaderField> headers, List<String> signedHeaders) {
        // One pass over the fields: for each name, the bottom-most instance not picked yet, and for
        // each instance the index of the next one above with the same name (-1 when none).
        int count = headers.size();
        int[] above = new int[count];
        Map<String, Integer> nextCandidate = new HashMap<>(2 * count);
        for (int i = 0; i < count; i++) {
            Integer previous = nextCandidate.put(headers.get(i).lowerCaseName(), i);
            above[i] = previous == null ? -1 : previous;
        }
        List<HeaderField> selected = new ArrayList<>(signedHeaders.size());
        for (String name : signedHeaders) {
            String key = name.toLowerCase(Locale.ROOT);
            Integer i = nextCandidate.get(key);
            if (i != null && i >= 0) {
                selected.add(headers.get(i));
                nextCandidate.put(key, above[i]);
            }
        }
        return selected;
    }

    public static byte[] compute(RawMessage message, List<String> signedHeaders, Canonicalization canonicalization,
                                 String unsignedSignatureField) {
        return compute(select(message.headers(), signedHeaders), canonicalization, unsignedSignatureField);
    }

    public static byte[] compute(List<HeaderField> selected, Canonicalization canonicalization,
                                 String unsignedSignatureField) {
        byte[] signature = unsignedSignatureField.getBytes(StandardCharsets.ISO_8859_1);
        int size = Canonicalization.maxCanonicalLength(signature.length);
        for (HeaderField field : selected) {
            size += Canonicalization.maxCanonicalLength(field.length()) + 2;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (HeaderField field : selected) {
            pos = canonicalization.canonicalizeHeader(field.source(), field.start(), field.length(), out, pos);
            out[pos++] = '\r';
            out[pos++] = '\n';
        }
        pos = canonicalization.canonicalizeHeader(signature, 0, signature.length, out, pos);
        return pos == out.length ? out : Arrays.copyOf(out, pos);
    }
}
