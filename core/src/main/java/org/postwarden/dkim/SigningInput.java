package org.postwarden.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
        // One pass over the fields into an open-addressing table of names (a HashMap of boxed
        // indices cost as much as canonicalizing the fields): per name, the bottom-most instance
        // not picked yet, and per instance the index of the next one above with the same name.
        int count = headers.size();
        int[] above = new int[count];
        int mask = Integer.highestOneBit(2 * count + 1) * 2 - 1;
        int[] owner = new int[mask + 1];
        int[] candidate = new int[mask + 1];
        for (int i = 0; i < count; i++) {
            int slot = slot(headers, owner, mask, headers.get(i).lowerCaseName());
            if (owner[slot] == 0) {
                owner[slot] = i + 1;
                above[i] = -1;
            } else {
                above[i] = candidate[slot];
            }
            candidate[slot] = i;
        }
        List<HeaderField> selected = new ArrayList<>(signedHeaders.size());
        for (String name : signedHeaders) {
            int slot = slot(headers, owner, mask, name.toLowerCase(Locale.ROOT));
            int i = candidate[slot];
            if (owner[slot] != 0 && i >= 0) {
                selected.add(headers.get(i));
                candidate[slot] = above[i];
            }
        }
        return selected;
    }

    /** The slot of {@code name}: where a field of that name owns it, else the empty slot where one would. */
    private static int slot(List<HeaderField> headers, int[] owner, int mask, String name) {
        int hash = name.hashCode();
        int slot = (hash ^ hash >>> 16) & mask;
        while (owner[slot] != 0 && !headers.get(owner[slot] - 1).lowerCaseName().equals(name)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    public static byte[] compute(RawMessage message, List<String> signedHeaders, Canonicalization canonicalization,
                                 String unsignedSignatureField) {
        return compute(select(message.headers(), signedHeaders), canonicalization, unsignedSignatureField);
    }

    public static byte[] compute(List<HeaderField> selected, Canonicalization canonicalization,
                                 String unsignedSignatureField) {
        byte[] signature = unsignedSignatureField.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[fieldsLength(selected) + Canonicalization.maxCanonicalLength(signature.length)];
        int pos = writeFields(selected, canonicalization, out);
        pos = canonicalization.canonicalizeHeader(signature, 0, signature.length, out, pos);
        return pos == out.length ? out : Arrays.copyOf(out, pos);
    }

    /** The input in {@code array[0..length)}: a signer reads only that much, so the array is left untrimmed. */
    public record Octets(byte[] array, int length) {
    }

    /** As {@link #compute(List, Canonicalization, String)}, the signature field being canonical already. */
    public static Octets compute(List<HeaderField> selected, Canonicalization canonicalization,
                                 byte[] canonicalSignatureField) {
        byte[] out = new byte[fieldsLength(selected) + canonicalSignatureField.length];
        int pos = writeFields(selected, canonicalization, out);
        System.arraycopy(canonicalSignatureField, 0, out, pos, canonicalSignatureField.length);
        return new Octets(out, pos + canonicalSignatureField.length);
    }

    /** The most octets {@link #writeFields} writes. */
    private static int fieldsLength(List<HeaderField> selected) {
        int size = 0;
        for (HeaderField field : selected) {
            size += Canonicalization.maxCanonicalLength(field.length()) + 2;
        }
        return size;
    }

    /** Writes each field canonicalized and followed by CRLF from the start of {@code out}; returns where they end. */
    private static int writeFields(List<HeaderField> selected, Canonicalization canonicalization, byte[] out) {
        int pos = 0;
        for (HeaderField field : selected) {
            pos = canonicalization.canonicalizeHeader(field.source(), field.start(), field.length(), out, pos);
            out[pos++] = '\r';
            out[pos++] = '\n';
        }
        return pos;
    }
}
