package org.postwarden.dkim;

/**
 * Recognizes a message body that canonicalization (RFC 6376 §3.4.3, §3.4.4) leaves as it is, but
 * for its trailing empty lines and final CRLF, as most bodies a mail client writes are. Such a body
 * can be hashed in one digest update over the message bytes, where the SHA-256 intrinsic is fastest.
 * It also proves the body free of bare LFs, which spares {@link RawMessage} converting it.
 */
final class CanonicalBody {
    /** Whether this JVM was started with the vector API, which {@link CanonicalBodyVectors} needs. */
    static final boolean VECTORS = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private CanonicalBody() {
    }

    /**
     * Where the content of the body {@code in[off..end)} ends, before its trailing CRLFs, if it is
     * canonical up to there: every CR followed by LF, every LF preceded by CR (an LF at {@code off}
     * is bare, the body following the header's blank line), no CR or, under relaxed, SP last, and,
     * under relaxed, no TAB and no SP before SP or CR. -1 otherwise; the caller then canonicalizes.
     */
    static int contentEnd(byte[] in, int off, int end, boolean relaxed) {
        int from = VECTORS ? CanonicalBodyVectors.checkedUpTo(in, off, end, relaxed) : off;
        if (from < 0) {
            return -1;
        }
        return contentEnd(in, off, from, end, relaxed);
    }

    /** {@link #contentEnd(byte[], int, int, boolean)} with the octets before {@code from} already checked. */
    static int contentEnd(byte[] in, int off, int from, int end, boolean relaxed) {
        // One octet at a time: measured faster here than eight-octet words, which need as many
        // operations per word as this loop does per octet for the neighbouring-octet tests.
        int prev = from == off ? '\n' : in[from - 1] & 0xFF;
        for (int i = from; i < end; i++) {
            int c = in[i] & 0xFF;
            if (c <= ' ') {
                if (c == '\n' ? prev != '\r'
                    : prev == '\r' || relaxed && (c == '\t' || prev == ' ' && (c == ' ' || c == '\r'))) {
                    return -1;
                }
            } else if (prev == '\r') {
                return -1;
            }
            prev = c;
        }
        if (prev == '\r' || relaxed && prev == ' ') {
            return -1;
        }
        int contentEnd = end;
        // Each LF here ends a CRLF.
        while (contentEnd > off && in[contentEnd - 1] == '\n') {
            contentEnd -= 2;
        }
        return contentEnd;
    }
}
