package org.postwarden.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.MutableClock;

class FallbackThrottleStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final WindowSpec WINDOW = new WindowSpec("user:alice@example.com#messages",
        RateLimit.parse("3/1m"), 1);
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);

    /** A shared store that can go down. */
    private static final class Outage implements ThrottleStore {
        private final InMemoryThrottleStore counters = new InMemoryThrottleStore();
        private final AtomicInteger calls = new AtomicInteger();
        private volatile boolean down;

        private <T> T answer(T answer) {
            calls.incrementAndGet();
            if (down) {
                throw new ThrottleStoreException("connection refused");
            }
            return answer;
        }

        @Override
        public Acquisition acquire(List<WindowSpec> windows, Instant now) {
            return answer(counters).acquire(windows, now);
        }

        @Override
        public List<WindowUsage> peek(List<WindowSpec> windows, Instant now) {
            return answer(counters).peek(windows, now);
        }

        @Override
        public void reset(String bucket) {
            answer(counters).reset(bucket);
        }

        @Override
        public long purgeIdle(Instant now) {
            return answer(counters).purgeIdle(now);
        }
    }

    private final MutableClock clock = new MutableClock(NOW);
    private final Outage primary = new Outage();
    private final InMemoryThrottleStore local = new InMemoryThrottleStore();
    private final FallbackThrottleStore store = new FallbackThrottleStore(primary, local, clock, RETRY_INTERVAL);

    @Test
    void aHealthyPrimaryShouldKeepTheCounts() {
        store.acquire(List.of(WINDOW), NOW);

        assertThat(primary.counters.peek(List.of(WINDOW), NOW).get(0).used()).isEqualTo(1);
        assertThat(local.peek(List.of(WINDOW), NOW).get(0).used()).isZero();
        assertThat(store.degraded()).isFalse();
        assertThat(store.fallbacks()).isZero();
    }

    @Test
    void limitsShouldStillHoldLocallyWhileThePrimaryIsDown() {
        primary.down = true;

        for (int i = 0; i < 3; i++) {
            assertThat(store.acquire(List.of(WINDOW), NOW).allowed()).isTrue();
        }

        assertThat(store.acquire(List.of(WINDOW), NOW).allowed()).isFalse();
        assertThat(store.degraded()).isTrue();
        assertThat(store.fallbacks()).isEqualTo(4);
        assertThat(store.lastFailure()).contains("connection refused");
    }

    @Test
    void aDownPrimaryShouldBeTriedOncePerRetryInterval() {
        primary.down = true;
        store.acquire(List.of(WINDOW), NOW);
        store.acquire(List.of(WINDOW), NOW);
        clock.advance(RETRY_INTERVAL);
        store.peek(List.of(WINDOW), NOW);

        assertThat(primary.calls).hasValue(2);
    }

    @Test
    void thePrimaryShouldBeUsedAgainOnceItAnswers() {
        primary.down = true;
        store.acquire(List.of(WINDOW), NOW);
        primary.down = false;
        clock.advance(RETRY_INTERVAL);

        store.acquire(List.of(WINDOW), NOW);

        assertThat(store.degraded()).isFalse();
        assertThat(store.lastFailure()).isPresent();
        assertThat(primary.counters.peek(List.of(WINDOW), NOW).get(0).used()).isEqualTo(1);
    }

    @Test
    void resetShouldForgetLocalCountsToo() {
        primary.down = true;
        store.acquire(List.of(WINDOW), NOW);
        primary.down = false;
        clock.advance(RETRY_INTERVAL);

        store.reset(WINDOW.bucket());

        assertThat(local.peek(List.of(WINDOW), NOW).get(0).used()).isZero();
    }

    @Test
    void aSharedStoreThatCannotBeOpenedAtStartupShouldLeaveLocalLimits() {
        AtomicInteger attempts = new AtomicInteger();
        LazyThrottleStore unreachable = new LazyThrottleStore(() -> {
            attempts.incrementAndGet();
            throw new ThrottleStoreException("Cannot connect to Redis");
        }, clock, RETRY_INTERVAL);
        FallbackThrottleStore fallback = new FallbackThrottleStore(unreachable, local, clock, Duration.ZERO);

        for (int i = 0; i < 3; i++) {
            fallback.acquire(List.of(WINDOW), NOW);
        }

        assertThat(fallback.acquire(List.of(WINDOW), NOW).allowed()).isFalse();
        assertThat(fallback.lastFailure()).contains("throttle store not connected: Cannot connect to Redis");
        assertThat(attempts).hasValue(1);
    }
}
