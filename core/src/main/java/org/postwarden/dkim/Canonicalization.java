package org.postwarden.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** The two canonicalization algorithms of RFC 6376 §3.4, for header fields and for bodies. */
public enum Canonicalization {
    SIMPLE,
    RELAXED;

    public String tagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Canonicalization> fromTagValue(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "simple" -> Optional.of(SIMPLE);
            case "relaxed" -> Optional.of(RELAXED);
            default -> Optional.empty();
        };
    }

    /** Appends the canonical form of a header field, without a trailing CRLF. */
    public void canonicalizeHeader(HeaderField field, ByteArrayOutputStream out) {
        canonicalizeHeader(field.source(), field.start(), field.length(), out);
    }

    /** Appends the canonical form of a header field given as text (one char per octet), without CRLF. */
    public void canonicalizeHeader(String field, ByteArrayOutputStream out) {
        byte[] bytes = field.getBytes(StandardCharsets.ISO_8859_1);
        canonicalizeHeader(bytes, 0, bytes.length, out);
    }

    /** The most octets {@link #canonicalizeHeader(byte[], int, int, byte[], int)} writes for a field of this length. */
    static int maxCanonicalLength(int length) {
        // Relaxed only drops octets, but adds the colon of a field that has none.
        return length + 1;
    }

    private void canonicalizeHeader(byte[] src, int off, int len, ByteArrayOutputStream out) {
        byte[] canonical = new byte[maxCanonicalLength(len)];
        int n = canonicalizeHeader(src, off, len, canonical, 0);
        out.write(canonical, 0, n);
    }

    /**
     * Writes the canonical form of the field at {@code src[off..off+len)} into {@code dst} from
     * {@code pos}, which must have room for {@link #maxCanonicalLength} octets, without CRLF;
     * returns the position after it.
     */
    int canonicalizeHeader(byte[] src, int off, int len, byte[] dst, int pos) {
        if (this == SIMPLE) {
            // §3.4.1: the field exactly as it is.
            System.arraycopy(src, off, dst, pos, len);
            return pos + len;
        }
        // §3.4.2: lowercase the name, unfold, reduce WSP runs to one SP, drop WSP at the end of the
        // value and around the colon.
        int end = off + len;
        int colon = off;
        while (colon < end && src[colon] != ':') {
            colon++;
        }
        int nameEnd = colon;
        while (nameEnd > off && isWsp(src[nameEnd - 1])) {
            nameEnd--;
        }
        int p = pos;
        for (int i = off; i < nameEnd; i++) {
            byte c = src[i];
            dst[p++] = c >= 'A' && c <= 'Z' ? (byte) (c + ('a' - 'A')) : c;
        }
        dst[p++] = ':';
        boolean pendingSpace = false;
        boolean wroteValue = false;
        int i = colon + 1;
        while (i < end) {
            byte c = src[i];
            if (isWsp(c)) {
                pendingSpace = wroteValue;
                i++;
            } else if (c == '\r' || c == '\n') {
                i++;
            } else {
                if (pendingSpace) {
                    dst[p++] = ' ';
                    pendingSpace = false;
                }
                int plain = plainWordsEnd(src, i, end);
                System.arraycopy(src, i, dst, p, plain - i);
                p += plain - i;
                i = plain;
                // The rest of the word in a tight loop: most of a field is words.
                while (i < end && isWordOctet(c = src[i])) {
                    dst[p++] = c;
                    i++;
                }
                wroteValue = true;
            }
        }
        return p;
    }

    /**
     * Skips whole eight-octet words that relaxed canonicalization leaves as they are: no TAB, CR or
     * LF, and each SP between two word octets. Most of a field passes, as words and single spaces.
     */
    private static int plainWordsEnd(byte[] src, int from, int end) {
        int i = from;
        while (i + Long.BYTES <= end) {
            long word = OctetWords.at(src, i);
            long low = OctetWords.upToSpace(word);
            long sp = OctetWords.zeroOctets(word ^ 0x2020202020202020L);
            // Only SPs among them, none followed by another, and none last (what follows is unseen).
            if (low != sp || ((sp << 8) & low) != 0 || sp < 0) {
                break;
            }
            i += Long.BYTES;
        }
        return i;
    }

    private static boolean isWordOctet(byte c) {
        return c > ' ' || c < 0 || c != ' ' && c != '\t' && c != '\r' && c != '\n';
    }

    static boolean isWsp(byte c) {
        return c == ' ' || c == '\t';
    }
}
