package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.postwarden.testing.MutableClock;

class LazyGreylistStoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean reachable;

    private final LazyGreylistStore store = new LazyGreylistStore(() -> {
        attempts.incrementAndGet();
        if (!reachable) {
            throw new GreylistStoreException("connection refused");
        }
        return new InMemoryGreylistStore();
    }, clock, Duration.ofSeconds(10));

    @Test
    void callsShouldFailWithTheOpeningErrorWhileTheStoreIsUnreachable() {
        assertThatThrownBy(store::ping).isInstanceOf(GreylistStoreException.class).hasMessageContaining("connection refused");
    }

    @Test
    void openingShouldNotBeRetriedBeforeTheInterval() {
        assertThatThrownBy(store::ping).isInstanceOf(GreylistStoreException.class);
        reachable = true;
        assertThatThrownBy(store::ping).isInstanceOf(GreylistStoreException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void theStoreShouldBeUsedOnceItCanBeOpened() {
        assertThatThrownBy(store::ping).isInstanceOf(GreylistStoreException.class);
        reachable = true;
        clock.advance(Duration.ofSeconds(10));

        store.ping();
        store.whitelistEntries();

        assertThat(attempts).hasValue(2);
    }
}
