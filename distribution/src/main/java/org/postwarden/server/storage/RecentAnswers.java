package org.postwarden.server.storage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * Answers of a slow lookup kept for a while: {@link #get} asks the store only for a key it has no fresh answer for,
 * and {@link #clear} (after a change to the store) makes every later {@link #get} ask again, including one whose
 * lookup was running while the change was made. A zero expiracy keeps nothing.
 */
final class RecentAnswers<K, V> {

    interface Lookup<V, E extends Exception> {
        V find() throws E;
    }

    private final AtomicLong changes = new AtomicLong();
    private final Cache<K, V> answers;

    RecentAnswers(Duration expiracy, long maximumEntries, Ticker ticker) {
        answers = expiracy.isZero() ? null
            : CacheBuilder.newBuilder().expireAfterWrite(expiracy).maximumSize(maximumEntries).ticker(ticker).build();
    }

    <E extends Exception> V get(K key, Lookup<V, E> lookup) throws E {
        if (answers == null) {
            return lookup.find();
        }
        V known = answers.getIfPresent(key);
        if (known != null) {
            return known;
        }
        long changesBefore = changes.get();
        V found = lookup.find();
        if (found == null) {
            return null;
        }
        answers.put(key, found);
        // A change made while the store was read may or may not be in what it answered: that answer must not stay.
        if (changes.get() != changesBefore) {
            answers.invalidate(key);
        }
        return found;
    }

    void clear() {
        changes.incrementAndGet();
        if (answers != null) {
            answers.invalidateAll();
        }
    }
}
