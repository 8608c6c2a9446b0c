package org.postwarden.srs;

import java.time.Instant;

/**
 * The SRS0 timestamp: the day (days since the Unix epoch, modulo 1024) written as two base32 characters, most
 * significant first (Mail::SRS 0.31 {@code timestamp_create}). It is read ignoring case, since base32 survives an
 * MTA that smashes the case of the local part (Mail::SRS {@code timestamp_check}).
 *
 * @param day 0 to 1023
 */
public record SrsTimestamp(int day) {
    /** 32 × 32: the same two characters come back every 1024 days. */
    public static final int CYCLE_DAYS = 1024;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final long SECONDS_PER_DAY = 86_400;

    public SrsTimestamp {
        if (day < 0 || day >= CYCLE_DAYS) {
            throw new IllegalArgumentException("an SRS day is 0 to 1023, got " + day);
        }
    }

    public static SrsTimestamp at(Instant instant) {
        long days = Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY);
        return new SrsTimestamp((int) Math.floorMod(days, CYCLE_DAYS));
    }

    /** @throws SrsException {@link SrsException.Reason#MALFORMED} unless two base32 characters, in either case */
    public static SrsTimestamp parse(String text) throws SrsException {
        int high = text.length() == 2 ? digit(text.charAt(0)) : -1;
        int low = text.length() == 2 ? digit(text.charAt(1)) : -1;
        if (high < 0 || low < 0) {
            throw new SrsException(SrsException.Reason.MALFORMED,
                "the timestamp \"" + text + "\" is not two base32 characters");
        }
        return new SrsTimestamp(high * 32 + low);
    }

    private static int digit(char c) {
        return BASE32.indexOf(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
    }

    /**
     * Whole days from this timestamp to {@code now}, 0 to 1023. A day later in the cycle than today's is taken to
     * be from the previous cycle, as Mail::SRS {@code timestamp_check} does by adding 1024 until it is not in the
     * future; so a timestamp from tomorrow is 1023 days old.
     */
    public int ageInDays(Instant now) {
        return Math.floorMod(at(now).day - day, CYCLE_DAYS);
    }

    /** The two characters, upper case. */
    public String encoded() {
        return new String(new char[] {BASE32.charAt(day / 32), BASE32.charAt(day % 32)});
    }

    @Override
    public String toString() {
        return encoded();
    }
}
