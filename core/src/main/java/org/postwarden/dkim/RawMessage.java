package org.postwarden.dkim;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * An RFC 5322 message split into its raw header fields and body, without rewriting anything
 * (javax.mail re-folds and re-encodes headers, which breaks signatures). Lines end with CRLF on the
 * wire (RFC 5322 §2.1); a message using bare LF, as files often do, is converted to CRLF once.
 * The byte array is shared, not copied: callers must not modify it afterwards.
 */
public final class RawMessage {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private final byte[] bytes;
    private final List<HeaderField> headers;
    private final int bodyOffset;

    private RawMessage(byte[] bytes, List<HeaderField> headers, int bodyOffset) {
        this.bytes = bytes;
        this.headers = List.copyOf(headers);
        this.bodyOffset = bodyOffset;
    }

    public static RawMessage parse(byte[] message) {
        byte[] bytes = hasBareLf(message) ? toCrlf(message) : message;
        List<HeaderField> headers = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            if (isCrlf(bytes, pos)) {
                return new RawMessage(bytes, headers, pos + 2);
            }
            int start = pos;
            int lineEnd = lineEnd(bytes, pos);
            pos = Math.min(lineEnd + 2, bytes.length);
            while (pos < bytes.length && (bytes[pos] == ' ' || bytes[pos] == '\t')) {
                lineEnd = lineEnd(bytes, pos);
                pos = Math.min(lineEnd + 2, bytes.length);
            }
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
        int separator = Math.max(bodyOffset - 2, headersEnd());
        out.write(bytes, separator, bytes.length - separator);
        return out.toByteArray();
    }

    /**
     * The message with {@code appended} header fields (each without its CRLF) after the last existing one, and every
     * other byte as received.
     */
    public byte[] appendHeaders(List<String> appended) {
        int end = headersEnd();
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

    public int bodyLength() {
        return bytes.length - bodyOffset;
    }

    /** Where the last header field's CRLF ends: the blank line, if any, starts here. */
    private int headersEnd() {
        if (headers.isEmpty()) {
            return 0;
        }
        HeaderField last = headers.get(headers.size() - 1);
        return Math.min(last.start() + last.length() + 2, bytes.length);
    }

    byte[] bytes() {
        return bytes;
    }

    int bodyOffset() {
        return bodyOffset;
    }

    /** Index of the CR of the CRLF ending the line at {@code pos}, or the message length. */
    private static int lineEnd(byte[] bytes, int pos) {
        for (int i = pos; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    private static boolean isCrlf(byte[] bytes, int pos) {
        return pos + 1 < bytes.length && bytes[pos] == '\r' && bytes[pos + 1] == '\n';
    }

    private static boolean hasBareLf(byte[] bytes) {
        int i = 0;
        // Eight octets at a time, looking closer only at words that hold an LF: x has a zero octet
        // exactly when (x - 0x01...01) & ~x & 0x80...80 is not zero.
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            long x = (long) LONGS.get(bytes, i) ^ 0x0A0A0A0A0A0A0A0AL;
            if (((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0) {
                for (int j = i; j < i + Long.BYTES; j++) {
                    if (isBareLf(bytes, j)) {
                        return true;
                    }
                }
            }
        }
        for (; i < bytes.length; i++) {
            if (isBareLf(bytes, i)) {
                return true;
            }
        }
        return false;
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
