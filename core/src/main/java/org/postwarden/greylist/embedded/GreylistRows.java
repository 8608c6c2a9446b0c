package org.postwarden.greylist.embedded;

import java.time.Instant;
import org.postwarden.greylist.GreylistTriplet;
import org.postwarden.greylist.NetworkPasses;
import org.postwarden.greylist.TripletRecord;
import org.postwarden.greylist.Versioned;
import org.postwarden.greylist.WhitelistEntry;

/**
 * How {@link EmbeddedGreylistStore} lays records out in its maps: small arrays of epoch milliseconds and counts,
 * which MVStore writes as variable-length longs. Arrays read from a map are shared with its page cache and never
 * modified.
 */
final class GreylistRows {
    private static final char SEPARATOR = '\0';
    private static final int STATE = 0;
    private static final int FIRST_SEEN = 1;
    private static final int LAST_SEEN = 2;
    private static final int PASS_COUNT = 3;
    private static final int EXPIRES_AT = 4;
    private static final int VERSION = 5;

    private GreylistRows() {
    }

    /** The client network first, so that the triplets of one network sit together in the map. */
    static String key(GreylistTriplet triplet) {
        return triplet.network() + SEPARATOR + triplet.sender() + SEPARATOR + triplet.recipient();
    }

    /** Networks and recipients never hold a NUL; a sender that did would keep it, between the first and last. */
    static GreylistTriplet triplet(String key) {
        int first = key.indexOf(SEPARATOR);
        int last = key.lastIndexOf(SEPARATOR);
        return new GreylistTriplet(key.substring(0, first), key.substring(first + 1, last), key.substring(last + 1));
    }

    static long[] triplet(TripletRecord record, long version) {
        return new long[] {record.state().ordinal(), millis(record.firstSeen()), millis(record.lastSeen()),
            record.passCount(), millis(record.expiresAt()), version};
    }

    static Versioned<TripletRecord> triplet(long[] row) {
        return new Versioned<>(record(row), row[VERSION]);
    }

    static TripletRecord record(long[] row) {
        return new TripletRecord(TripletRecord.State.values()[(int) row[STATE]], Instant.ofEpochMilli(row[FIRST_SEEN]),
            Instant.ofEpochMilli(row[LAST_SEEN]), row[PASS_COUNT], Instant.ofEpochMilli(row[EXPIRES_AT]));
    }

    static long version(long[] row) {
        return row[VERSION];
    }

    static boolean isPending(long[] row) {
        return row[STATE] == TripletRecord.State.PENDING.ordinal();
    }

    static long expiresAt(long[] row) {
        return row[EXPIRES_AT];
    }

    static long networkExpiresAt(long[] row) {
        return row[3];
    }

    static long[] network(NetworkPasses passes) {
        return new long[] {passes.passCount(), millis(passes.firstPass()), millis(passes.lastPass()),
            millis(passes.expiresAt())};
    }

    static NetworkPasses network(String network, long[] row) {
        return new NetworkPasses(network, row[0], Instant.ofEpochMilli(row[1]), Instant.ofEpochMilli(row[2]),
            Instant.ofEpochMilli(row[3]));
    }

    static Object[] whitelist(WhitelistEntry entry) {
        return new Object[] {entry.kind().name(), entry.value(), entry.comment(), millis(entry.createdAt())};
    }

    static WhitelistEntry whitelist(String id, Object[] row) {
        return new WhitelistEntry(id, WhitelistEntry.Kind.valueOf((String) row[0]), (String) row[1],
            (String) row[2], Instant.ofEpochMilli((Long) row[3]));
    }

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }
}
