package org.postwarden.bench.greylist;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.time.Instant;
import org.postwarden.greylist.GreylistTriplet;
import org.postwarden.greylist.TripletRecord;

/**
 * Deterministic triplets shaped like an MX's traffic: {@link #stored} ones, preloaded as passed, and an endless
 * supply of {@link #fresh} ones that no store holds before the run.
 *
 * <p>Stored triplet {@code i} comes from the /24 numbered {@code i / 8}, scattered over 32.0.0.0/3, so a million
 * triplets span 125,000 networks. Senders are drawn from 40,000 local parts at 8,000 domains, recipients from
 * 20,000 mailboxes at 4 domains. The recipient number is congruent to {@code i} modulo 8, so two triplets of one
 * network never share a recipient: every stored triplet is distinct.
 */
final class TripletCorpus {
    /** Stored indices must keep {@code i / 8} within the 21 bits the network numbering scatters. */
    private static final int MAX_SIZE = 8 << 21;
    private static final long NETWORK_SCATTER = 0x9E3779B1L;

    private final int size;
    private final GreylistTriplet[] stored;

    TripletCorpus(int size) {
        Preconditions.checkArgument(size > 0 && size <= MAX_SIZE, "corpus size %s out of 1..%s", size, MAX_SIZE);
        this.size = size;
        this.stored = new GreylistTriplet[size];
        for (int i = 0; i < size; i++) {
            stored[i] = build(i);
        }
    }

    int size() {
        return size;
    }

    GreylistTriplet stored(int index) {
        return stored[index];
    }

    /**
     * A triplet no store holds: its sender domain never occurs among the stored ones. Networks repeat every
     * 2^21 calls, which does not matter with auto-whitelisting off.
     */
    static GreylistTriplet fresh(long index) {
        long hash = mix(index ^ 0x5DEECE66DL);
        return new GreylistTriplet(network(index & ((1 << 21) - 1)),
            "bounce-" + index + "@new" + Long.remainderUnsigned(hash, 997) + ".example.net",
            "rcpt" + Long.remainderUnsigned(hash >>> 20, 20_000) + "@mx" + (hash & 3) + ".example.org");
    }

    /** What the store holds for a stored triplet: passed a day ago, last seen within the past day. */
    static TripletRecord passedRecord(int index, Instant now, Duration expiry) {
        Instant firstSeen = now.minus(Duration.ofDays(1));
        Instant lastSeen = firstSeen.plusSeconds(Long.remainderUnsigned(mix(index), 86_400));
        return new TripletRecord(TripletRecord.State.PASSED, firstSeen, lastSeen, 1 + (index & 3),
            lastSeen.plus(expiry));
    }

    private static GreylistTriplet build(int index) {
        long hash = mix(index);
        String sender = "user" + Long.remainderUnsigned(hash, 40_000) + "@d"
            + Long.remainderUnsigned(hash >>> 20, 8_000) + ".example.com";
        long mailbox = (index & 7) + 8 * Long.remainderUnsigned(hash >>> 40, 2_500);
        String recipient = "rcpt" + mailbox + "@mx" + ((hash >>> 60) & 3) + ".example.org";
        return new GreylistTriplet(network(index >>> 3), sender, recipient);
    }

    /** A bijection of 0..2^21-1 onto /24 networks in 32.0.0.0/3. */
    private static String network(long number) {
        long scattered = (number * NETWORK_SCATTER) & ((1 << 21) - 1);
        return (32 + (scattered >>> 16)) + "." + ((scattered >>> 8) & 255) + "." + (scattered & 255) + ".0/24";
    }

    /** SplitMix64's finaliser. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
