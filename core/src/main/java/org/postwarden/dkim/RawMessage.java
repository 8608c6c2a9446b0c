package org.postwarden.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * An RFC 5322 message split into its raw header fields and body, without rewriting anything
 * (javax.mail re-folds and re-encodes headers, which breaks signatures). Lines end with CRLF on the
 * wire (RFC 5322 §2.1); a message using bare LF, as files often do, is converted to CRLF once:
 * at parsing when the header holds one, else when the body is first read, since the body hash can
 * mostly tell on its own that there is none (see {@link #source()}). The byte array is shared, not
 * copied: callers must not modify it afterwards.
 */
public final class RawMessage {
    private static final byte[] CRLF = {'\r', '\n'};
    /** The message as received, or converted to CRLF if its header held a bare LF. */
    private final byte[] source;
    private final List<HeaderField> headers;
    private final int bodyOffset;
    /** The message with CRLF line ends only; null until the body has been checked for bare LFs. */
    private volatile byte[] crlf;
    /** The body hashes computed so far; null until the first. */
    private volatile Map<BodyHashKey, BodyHash> bodyHashes;

    private record BodyHashKey(Canonicalization canonicalization, OptionalLong length) {
    }

    private RawMessage(byte[] source, List<HeaderField> headers, int bodyOffset) {
        this.source = source;
        this.headers = Collections.unmodifiableList(headers);
        this.bodyOffset = bodyOffset;
    }

    public static RawMessage parse(byte[] message) {
        // Where the header ends depends only on the octets before it, identical with or without
        // bare LFs in the body: those are converted later, in place of the same body.
        RawMessage split = split(message);
        if (split != null) {
            return split;
        }
        RawMessage converted = split(toCrlf(message));
        converted.crlf = converted.source;
        return converted;
    }

    /** The message split at its blank line, or null if an LF in the header is bare. */
    private static RawMessage split(byte[] bytes) {
        List<HeaderField> headers = new ArrayList<>(32);
        int pos = 0;
        while (pos < bytes.length) {
            if (bytes[pos] == '\n') {
                return null;
            }
            if (isCrlf(bytes, pos)) {
                return new RawMessage(bytes, headers, pos + 2);
            }
            int start = pos;
            int lineEnd;
            do {
                int lf = nextLf(bytes, pos + 1);
                if (lf < bytes.length && bytes[lf - 1] != '\r') {
                    return null;
                }
                lineEnd = lf < bytes.length ? lf - 1 : lf;
                pos = Math.min(lf + 1, bytes.length);
            } while (pos < bytes.length && (bytes[pos] == ' ' || bytes[pos] == '\t'));
            headers.add(new HeaderField(bytes, start, lineEnd));
        }
        return new RawMessage(bytes, headers, bytes.length);
    }

    /** All header fields, top to bottom. */
    public List<HeaderField> headers() {
        return headers;
    }

    /** The fields with this name (case-insensitive), top to bottom. */
    public List<HeaderField> headers(String name) {
        return headers.stream().filter(h -> h.hasName(name)).toList();
    }

    /**
     * The message with {@code prepended} header fields (each without its CRLF) on top and only the existing fields
     * that {@code keep} accepts, everything else byte for byte as received.
     */
    public byte[] rewriteHeaders(List<String> prepended, Predicate<HeaderField> keep) {
        byte[] bytes = bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 512);
        for (String field : prepended) {
            out.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(CRLF);
        }
        for (HeaderField field : headers) {
            if (keep.test(field)) {
                out.write(field.source(), field.start(), field.length());
                out.writeBytes(CRLF);
            }
        }
        int separator = Math.max(bodyOffset - 2, headersEnd(bytes));
        out.write(bytes, separator, bytes.length - separator);
        return out.toByteArray();
    }

    /**
     * The message with {@code appended} header fields (each without its CRLF) after the last existing one, and every
     * other byte as received.
     */
    public byte[] appendHeaders(List<String> appended) {
        byte[] bytes = bytes();
        int end = headersEnd(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 256);
        out.write(bytes, 0, end);
        if (!headers.isEmpty() && !isCrlf(bytes, end - 2)) {
            out.writeBytes(CRLF);
        }
        for (String field : appended) {
            out.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(CRLF);
        }
        out.write(bytes, end, bytes.length - end);
        return out.toByteArray();
    }

    /**
     * The body hash under this canonicalization and l= ({@code length}), computed once per message: every
     * DKIM-Signature and ARC-Message-Signature verified or added on the same parsed message shares it.
     */
    public BodyHash bodyHash(Canonicalization canonicalization, OptionalLong length) {
        Map<BodyHashKey, BodyHash> hashes = bodyHashes;
        if (hashes == null) {
            synchronized (this) {
                hashes = bodyHashes;
                if (hashes == null) {
                    hashes = new ConcurrentHashMap<>(4);
                    bodyHashes = hashes;
                }
            }
        }
        return hashes.computeIfAbsent(new BodyHashKey(canonicalization, length), key -> {
            BodyHasher hasher = new BodyHasher(key.canonicalization(), key.length()).update(this);
            return new BodyHash(hasher.digest(), hasher.canonicalLength());
        });
    }

    public int bodyLength() {
        return bytes().length - bodyOffset;
    }

    /** Where the last header field's CRLF ends: the blank line, if any, starts here. */
    private int headersEnd(byte[] bytes) {
        if (headers.isEmpty()) {
            return 0;
        }
        HeaderField last = headers.get(headers.size() - 1);
        return Math.min(last.start() + last.length() + 2, bytes.length);
    }

    /** The message with CRLF line ends only. */
    byte[] bytes() {
        byte[] bytes = crlf;
        if (bytes == null) {
            bytes = hasBareLf(source, bodyOffset, source.length) ? toCrlf(source) : source;
            crlf = bytes;
        }
        return bytes;
    }

    /**
     * The message whose header is as {@link #bytes()} has it, but whose body may still hold bare
     * LFs: only for a reader that checks every LF of the body is preceded by CR before trusting it.
     */
    byte[] source() {
        return source;
    }

    int bodyOffset() {
        return bodyOffset;
    }

    /** Index of the first LF from {@code from}, or the message length; eight octets at a time. */
    private static int nextLf(byte[] bytes, int from) {
        int i = from;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            long lf = OctetWords.zeroOctets(OctetWords.at(bytes, i) ^ 0x0A0A0A0A0A0A0A0AL);
            if (lf != 0) {
                return i + (Long.numberOfTrailingZeros(lf) >>> 3);
            }
        }
        while (i < bytes.length && bytes[i] != '\n') {
            i++;
        }
        return i;
    }

    private static boolean isCrlf(byte[] bytes, int pos) {
        return pos + 1 < bytes.length && bytes[pos] == '\r' && bytes[pos + 1] == '\n';
    }

    /** Whether an LF in {@code bytes[from..to)} is not preceded by CR (looking before {@code from} too). */
    private static boolean hasBareLf(byte[] bytes, int from, int to) {
        int i = from;
        if (i == 0 && to > 0) {
            if (bytes[0] == '\n') {
                return true;
            }
            i = 1;
        }
        i = firstWordWithBareLf(bytes, i, to);
        for (; i < to; i++) {
            if (isBareLf(bytes, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Eight octets at a time: the LFs of the word at {@code i} against the CRs of the word one octet
     * before. Returns where a bare LF may be, or where fewer than eight octets are left.
     */
    private static int firstWordWithBareLf(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long lf = OctetWords.zeroOctets(OctetWords.at(bytes, i) ^ 0x0A0A0A0A0A0A0A0AL);
            long crBefore = OctetWords.zeroOctets(OctetWords.at(bytes, i - 1) ^ 0x0D0D0D0D0D0D0D0DL);
            if ((lf & ~crBefore) != 0) {
                return i;
            }
        }
        return i;
    }

    private static boolean isBareLf(byte[] bytes, int i) {
        return bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r');
    }

    private static byte[] toCrlf(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        int n = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                out[n++] = '\r';
            }
            out[n++] = bytes[i];
        }
        return Arrays.copyOf(out, n);
    }
}
