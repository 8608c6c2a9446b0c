package org.postwarden.dkim;

import java.security.MessageDigest;
import java.util.OptionalLong;

/**
 * Streams a message body through canonicalization (RFC 6376 §3.4.3, §3.4.4) into SHA-256, the
 * body hash of bh= (§3.7). Bodies are fed in any number of chunks, CRLFs may straddle them; the
 * body is never copied whole. Trailing empty lines are held back as a count and written only when
 * more content follows. Not thread-safe; one instance per body.
 */
public final class BodyHasher {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CR = {'\r'};
    private static final byte[] SP = {' '};
    private static final int BUFFER_SIZE = 8192;

    private final boolean relaxed;
    private final MessageDigest digest;
    private final long limit;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int buffered;
    private long canonicalLength;
    private long pendingLineEnds;
    private boolean pendingCr;
    private boolean pendingSpace;

    /** {@code limit} is the l= value: how many canonical octets to hash (RFC 6376 §3.4.5). */
    public BodyHasher(Canonicalization canonicalization, OptionalLong limit) {
        this.relaxed = canonicalization == Canonicalization.RELAXED;
        this.limit = limit.orElse(Long.MAX_VALUE);
        this.digest = Sha256.newDigest();
    }

    /** Feeds the whole body of the message. */
    public BodyHasher update(RawMessage message) {
        return update(message.bytes(), message.bodyOffset(), message.bodyLength());
    }

    public BodyHasher update(byte[] in, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            byte c = in[i];
            if (pendingCr) {
                pendingCr = false;
                if (c == '\n') {
                    lineEnd();
                    i++;
                    continue;
                }
                content(CR, 0, 1);
            }
            if (c == '\r') {
                pendingCr = true;
                i++;
            } else if (relaxed && Canonicalization.isWsp(c)) {
                pendingSpace = true;
                i++;
            } else {
                int start = i;
                while (i < end && in[i] != '\r' && !(relaxed && Canonicalization.isWsp(in[i]))) {
                    i++;
                }
                content(in, start, i - start);
            }
        }
        return this;
    }

    /** Ends the body and returns the SHA-256 of its canonical form. Call once. */
    public byte[] digest() {
        if (pendingCr) {
            content(CR, 0, 1);
        }
        // Simple: an empty body becomes one CRLF; both: a last line gets its missing CRLF.
        if (canonicalLength > 0 || !relaxed) {
            write(CRLF, 0, 2);
        }
        flush();
        return digest.digest();
    }

    /** Length of the whole canonical body, before any l= limit; final after {@link #digest()}. */
    public long canonicalLength() {
        return canonicalLength;
    }

    private void lineEnd() {
        // Relaxed: WSP at the end of a line is dropped.
        pendingSpace = false;
        pendingLineEnds++;
    }

    private void content(byte[] in, int off, int len) {
        for (; pendingLineEnds > 0; pendingLineEnds--) {
            write(CRLF, 0, 2);
        }
        if (pendingSpace) {
            pendingSpace = false;
            write(SP, 0, 1);
        }
        write(in, off, len);
    }

    private void write(byte[] in, int off, int len) {
        canonicalLength += len;
        long room = limit - (canonicalLength - len);
        int n = (int) Math.max(0, Math.min(len, room));
        if (n > BUFFER_SIZE - buffered) {
            flush();
        }
        if (n >= BUFFER_SIZE) {
            digest.update(in, off, n);
        } else {
            System.arraycopy(in, off, buffer, buffered, n);
            buffered += n;
        }
    }

    private void flush() {
        digest.update(buffer, 0, buffered);
        buffered = 0;
    }
}
