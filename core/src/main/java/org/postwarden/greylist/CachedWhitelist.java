package org.postwarden.greylist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The admin whitelist of a store, reloaded at most once per refresh interval so that checking a recipient does
 * not cost a store query. Entries added on another node apply here within that interval.
 */
public final class CachedWhitelist {
    private record Snapshot(WhitelistMatcher matcher, Instant loadedAt) {
    }

    private final GreylistStore store;
    private final Clock clock;
    private final Duration refreshInterval;
    private volatile Optional<Snapshot> snapshot = Optional.empty();

    public CachedWhitelist(GreylistStore store, Clock clock, Duration refreshInterval) {
        this.store = store;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
    }

    /** @throws GreylistStoreException when a due reload fails; the next call tries again */
    public Optional<WhitelistEntry> match(GreylistRequest request) {
        return current().match(request);
    }

    /** Makes the next match reload, e.g. right after this node changed the entries. */
    public void invalidate() {
        snapshot = Optional.empty();
    }

    private WhitelistMatcher current() {
        Instant now = clock.instant();
        Optional<WhitelistMatcher> fresh = fresh(now);
        if (fresh.isPresent()) {
            return fresh.get();
        }
        // One thread reloads; the others wait for its result rather than all querying the store.
        synchronized (this) {
            return fresh(now).orElseGet(() -> {
                WhitelistMatcher matcher = WhitelistMatcher.of(store.whitelistEntries());
                snapshot = Optional.of(new Snapshot(matcher, now));
                return matcher;
            });
        }
    }

    private Optional<WhitelistMatcher> fresh(Instant now) {
        return snapshot.filter(loaded -> now.isBefore(loaded.loadedAt().plus(refreshInterval)))
            .map(Snapshot::matcher);
    }
}
