package org.postwarden.dkim;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * Key records parsed once per distinct text, shared by DKIM and ARC verification: the p= of a sender's selector is
 * decoded into a key once, not again for every message and every ARC set signed with it. Keyed by the whole record
 * text, so a changed or revoked record is a new entry; DNS is still asked every time (its TTLs are the resolver's
 * business). Bounded: past {@link #MAXIMUM_RECORDS} distinct records, the least recently used go. Records that do
 * not parse are not kept. Thread-safe.
 */
public final class DkimKeyRecords {
    /** Distinct selectors seen recently; a decoded RSA-2048 key and its record take about 2 KB. */
    public static final int MAXIMUM_RECORDS = 2048;
    private static final Cache<String, DkimKeyRecord> PARSED =
        CacheBuilder.newBuilder().maximumSize(MAXIMUM_RECORDS).build();

    private DkimKeyRecords() {
    }

    /** {@link DkimKeyRecord#parse}, the same record instance for the same text while it is kept. */
    public static DkimKeyRecord parse(String txt) throws DkimException {
        DkimKeyRecord cached = PARSED.getIfPresent(txt);
        if (cached != null) {
            return cached;
        }
        DkimKeyRecord parsed = DkimKeyRecord.parse(txt);
        PARSED.put(txt, parsed);
        return parsed;
    }
}
