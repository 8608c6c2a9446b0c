package org.postwarden.dkim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight octets of a message read as one little-endian long, and tests of all eight at once: how the header
 * parser, the body hasher and the header canonicalizer skip plain text.
 */
final class OctetWords {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    private OctetWords() {
    }

    /** {@code bytes[index..index+8)}, the first octet in the lowest bits. */
    static long at(byte[] bytes, int index) {
        return (long) LONGS.get(bytes, index);
    }

    /** 0x80 in each octet of {@code x} that is zero, 0 in the others; exact, as no carry crosses octets. */
    static long zeroOctets(long x) {
        return ~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x | LOW_SEVEN_BITS);
    }

    /** 0x80 in each octet of {@code word} up to 0x20 (SP, TAB, CR, LF, other controls), 0 in the others; exact. */
    static long upToSpace(long word) {
        return ~(((word & LOW_SEVEN_BITS) + 0x5F5F5F5F5F5F5F5FL) | word) & 0x8080808080808080L;
    }
}
