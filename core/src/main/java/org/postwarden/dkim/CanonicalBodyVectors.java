package org.postwarden.dkim;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The pairwise tests of {@link CanonicalBody} on 32 or 64 octets at a time, with the JDK's vector API (an
 * incubator module: the bin/ launchers and the test and benchmark JVMs add it with
 * {@code --add-modules jdk.incubator.vector}; without it {@link CanonicalBody} keeps to its octet loop). Only loaded
 * when {@link CanonicalBody} has found the module.
 */
final class CanonicalBodyVectors {
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;

    private CanonicalBodyVectors() {
    }

    /**
     * Checks each octet of {@code in[off..)} against the one after it, vector by vector while a whole vector and the
     * octet after it fit before {@code end}: no LF at {@code off}, every CR followed by LF and every LF preceded by CR,
     * and under relaxed no TAB and no SP followed by SP or CR. Returns -1 if a pair fails, else where the octet loop
     * goes on: every octet before it has been checked with its successor.
     */
    static int checkedUpTo(byte[] in, int off, int end, boolean relaxed) {
        if (off < end && in[off] == '\n') {
            return -1;
        }
        int step = SPECIES.length();
        int i = off;
        for (; i + step < end; i += step) {
            ByteVector octets = ByteVector.fromArray(SPECIES, in, i);
            ByteVector next = ByteVector.fromArray(SPECIES, in, i + 1);
            VectorMask<Byte> cr = octets.eq((byte) '\r');
            VectorMask<Byte> lfNext = next.eq((byte) '\n');
            VectorMask<Byte> failed = cr.andNot(lfNext).or(lfNext.andNot(cr));
            if (relaxed) {
                VectorMask<Byte> spaceBeforeSpaceOrCr = octets.eq((byte) ' ')
                    .and(next.eq((byte) ' ').or(next.eq((byte) '\r')));
                failed = failed.or(octets.eq((byte) '\t')).or(spaceBeforeSpaceOrCr);
            }
            // Tested per vector: a mask carried over iterations is boxed on Java 17.
            if (failed.anyTrue()) {
                return -1;
            }
        }
        return i;
    }
}
