package org.postwarden.dkim;

import java.security.MessageDigest;
import java.util.OptionalLong;

/**
 * Streams a message body through canonicalization (RFC 6376 §3.4.3, §3.4.4) into SHA-256, the
 * body hash of bh= (§3.7). Bodies are fed in any number of chunks, CRLFs may straddle them; the
 * body is never copied. Trailing empty lines are held back as a count and written only when more
 * content follows. Not thread-safe; one instance per body.
 *
 * <p>Most of a body is already canonical: text, single spaces between words, CRLFs between
 * non-empty lines. Such runs go to the digest as they are, in one update per run; only CRs, tabs,
 * runs of spaces and lines that may turn out to be trailing empty lines take the byte-by-byte path.
 */
public final class BodyHasher {
    private static final int MAX_BATCHED_LINE_ENDS = 32;
    private static final byte[] CRLFS = crlfs(MAX_BATCHED_LINE_ENDS);
    private static final byte[] CR = {'\r'};
    private static final byte[] SP = {' '};
    /** Octets that end a run: CR always, and SP and TAB under relaxed. */
    private static final boolean[] SIMPLE_STOPS = stops(false);
    private static final boolean[] RELAXED_STOPS = stops(true);

    private final boolean relaxed;
    private final boolean[] stops;
    private final MessageDigest digest;
    private final long limit;
    private long canonicalLength;
    private long pendingLineEnds;
    private boolean pendingCr;
    private boolean pendingSpace;

    /** {@code limit} is the l= value: how many canonical octets to hash (RFC 6376 §3.4.5). */
    public BodyHasher(Canonicalization canonicalization, OptionalLong limit) {
        this.relaxed = canonicalization == Canonicalization.RELAXED;
        this.stops = relaxed ? RELAXED_STOPS : SIMPLE_STOPS;
        this.limit = limit.orElse(Long.MAX_VALUE);
        this.digest = Sha256.newDigest();
    }

    /** Feeds the whole body of the message. */
    public BodyHasher update(RawMessage message) {
        int off = message.bodyOffset();
        if (canonicalLength == 0 && pendingLineEnds == 0 && !pendingCr && !pendingSpace) {
            byte[] source = message.source();
            int contentEnd = CanonicalBody.contentEnd(source, off, source.length, relaxed);
            if (contentEnd >= 0) {
                write(source, off, contentEnd - off);
                return this;
            }
        }
        byte[] bytes = message.bytes();
        return update(bytes, off, bytes.length - off);
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
                i = runEnd(in, i + 1, end);
                content(in, start, i - start);
            }
        }
        return this;
    }

    /**
     * Where a run of octets that canonicalization leaves unchanged ends, the run having started
     * with content (neither CR nor, under relaxed, WSP) just before {@code from}. Within this chunk
     * only, so that every look-ahead is certain:
     * <ul>
     * <li>an SP followed by content is kept as it is under relaxed (a single WSP within a line);
     * <li>a CRLF followed by content ends a line that is not the last, nor followed by an empty
     *     line, so it is written as it is (its line had no trailing WSP, or the run would have
     *     stopped there).
     * </ul>
     * Anything else (a TAB, two WSP, WSP before CR, CRLF before WSP or CR, a bare CR) stops the run.
     */
    private int runEnd(byte[] in, int from, int end) {
        int i = from;
        while (i < end) {
            i = skipPlainWords(in, i, end);
            // Octet by octet through at least the next eight, which hold something to look at.
            int stop = Math.min(end, i + Long.BYTES);
            while (i < stop) {
                byte c = in[i];
                if (!stops[c & 0xFF]) {
                    i++;
                } else if (c == '\r') {
                    if (i + 2 < end && in[i + 1] == '\n' && !stops[in[i + 2] & 0xFF]) {
                        i += 3;
                    } else {
                        return i;
                    }
                } else if (c == ' ' && i + 1 < end && !stops[in[i + 1] & 0xFF]) {
                    i += 2;
                } else {
                    return i;
                }
            }
        }
        return i;
    }

    /**
     * Skips whole eight-octet words whose every CR starts a CRLF followed by content and, under
     * relaxed, with no TAB and no SP followed by SP or CR (or, for the word's last octet, by a
     * stop): the same octets the loop of {@link #runEnd} accepts, eight at a time. Most words of a
     * text body pass, line ends included.
     */
    private int skipPlainWords(byte[] in, int from, int end) {
        int i = from;
        while (i + Long.BYTES <= end) {
            long word = OctetWords.at(in, i);
            long cr = OctetWords.zeroOctets(word ^ 0x0D0D0D0D0D0D0D0DL);
            if (relaxed) {
                long sp = OctetWords.zeroOctets(word ^ 0x2020202020202020L);
                if ((OctetWords.zeroOctets(word ^ 0x0909090909090909L) | (sp & ((sp | cr) >>> 8))) != 0
                    || sp < 0 && (i + Long.BYTES >= end || stops[in[i + Long.BYTES] & 0xFF])) {
                    return i;
                }
            }
            if (cr != 0 && !crlfsBeforeContent(in, i, cr, end)) {
                return i;
            }
            i += Long.BYTES;
        }
        return i;
    }

    /** Whether each CR that {@code cr} marks in the word at {@code word} is followed by LF and content. */
    private boolean crlfsBeforeContent(byte[] in, int word, long cr, int end) {
        for (long left = cr; left != 0; left &= left - 1) {
            int at = word + (Long.numberOfTrailingZeros(left) >>> 3);
            if (at + 2 >= end || in[at + 1] != '\n' || stops[in[at + 2] & 0xFF]) {
                return false;
            }
        }
        return true;
    }

    /** Ends the body and returns the SHA-256 of its canonical form. Call once. */
    public byte[] digest() {
        if (pendingCr) {
            content(CR, 0, 1);
        }
        // Simple: an empty body becomes one CRLF; both: a last line gets its missing CRLF.
        if (canonicalLength > 0 || !relaxed) {
            write(CRLFS, 0, 2);
        }
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
        while (pendingLineEnds > 0) {
            int n = (int) Math.min(pendingLineEnds, MAX_BATCHED_LINE_ENDS);
            write(CRLFS, 0, 2 * n);
            pendingLineEnds -= n;
        }
        if (pendingSpace) {
            pendingSpace = false;
            write(SP, 0, 1);
        }
        write(in, off, len);
    }

    private void write(byte[] in, int off, int len) {
        long room = limit - canonicalLength;
        canonicalLength += len;
        int n = (int) Math.max(0, Math.min(len, room));
        if (n > 0) {
            digest.update(in, off, n);
        }
    }

    private static byte[] crlfs(int count) {
        byte[] out = new byte[2 * count];
        for (int i = 0; i < out.length; i += 2) {
            out[i] = '\r';
            out[i + 1] = '\n';
        }
        return out;
    }

    private static boolean[] stops(boolean relaxed) {
        boolean[] stops = new boolean[256];
        stops['\r'] = true;
        if (relaxed) {
            stops[' '] = true;
            stops['\t'] = true;
        }
        return stops;
    }
}
