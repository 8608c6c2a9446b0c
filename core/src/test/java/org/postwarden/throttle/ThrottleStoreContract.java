package org.postwarden.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link ThrottleStore} shares, Redis's Lua included. Times start from the wall clock because
 * Redis expires keys by its own clock.
 */
public interface ThrottleStoreContract {
    Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String BUCKET = "user:alice@example.com#messages";
    String OTHER_BUCKET = "ip:192.0.2.7/32#messages";
    RateLimit FIVE_PER_MINUTE = RateLimit.parse("5/1m");
    RateLimit THREE_PER_DAY = RateLimit.parse("3/1d");

    ThrottleStore store();

    static WindowSpec window(String bucket, RateLimit limit, long cost) {
        return new WindowSpec(bucket, limit, cost);
    }

    default Acquisition acquire(Instant at, WindowSpec... windows) {
        return store().acquire(List.of(windows), at);
    }

    default long used(WindowSpec window, Instant at) {
        return store().peek(List.of(window), at).get(0).used();
    }

    @Test
    default void theLimitShouldBeAdmittedAtOnceAndNothingMore() {
        WindowSpec window = window(BUCKET, FIVE_PER_MINUTE, 1);
        for (int i = 0; i < 5; i++) {
            assertThat(acquire(NOW, window).allowed()).isTrue();
        }

        assertThat(acquire(NOW, window))
            .isEqualTo(Acquisition.denied(Acquisition.Status.DENIED, window, Duration.ofSeconds(12)));
    }

    @Test
    default void oneUnitShouldBeRepaidPerEmissionInterval() {
        WindowSpec window = window(BUCKET, FIVE_PER_MINUTE, 1);
        for (int i = 0; i < 5; i++) {
            acquire(NOW, window);
        }

        assertThat(acquire(NOW.plusMillis(11_999), window).retryAfter()).isEqualTo(Duration.ofMillis(1));
        assertThat(acquire(NOW.plusSeconds(12), window).allowed()).isTrue();
        assertThat(acquire(NOW.plusSeconds(12), window).allowed()).isFalse();
    }

    @Test
    default void theWholeLimitShouldBeAvailableAgainAfterTheWindow() {
        WindowSpec window = window(BUCKET, FIVE_PER_MINUTE, 1);
        for (int i = 0; i < 5; i++) {
            acquire(NOW, window);
        }

        for (int i = 0; i < 5; i++) {
            assertThat(acquire(NOW.plusSeconds(60), window).allowed()).isTrue();
        }
        assertThat(acquire(NOW.plusSeconds(60), window).allowed()).isFalse();
    }

    @Test
    default void aDenialByOneWindowShouldConsumeNoOther() {
        WindowSpec minute = window(BUCKET, FIVE_PER_MINUTE, 1);
        WindowSpec day = window(BUCKET, THREE_PER_DAY, 1);
        for (int i = 0; i < 3; i++) {
            assertThat(acquire(NOW, minute, day).allowed()).isTrue();
        }

        assertThat(acquire(NOW, minute, day))
            .isEqualTo(Acquisition.denied(Acquisition.Status.DENIED, day, Duration.ofHours(8)));
        assertThat(used(minute, NOW)).isEqualTo(3);
        assertThat(acquire(NOW, minute).allowed()).isTrue();
    }

    @Test
    default void aDenialInOneBucketShouldConsumeNoOtherBucket() {
        WindowSpec user = window(BUCKET, FIVE_PER_MINUTE, 1);
        WindowSpec ip = window(OTHER_BUCKET, RateLimit.parse("1/1m"), 1);
        acquire(NOW, user, ip);

        assertThat(acquire(NOW, user, ip).deniedBy()).contains(ip);
        assertThat(used(user, NOW)).isEqualTo(1);
    }

    @Test
    default void theDenialShouldNameTheWindowThatDrainsLast() {
        WindowSpec minute = window(BUCKET, RateLimit.parse("1/1m"), 1);
        WindowSpec hour = window(OTHER_BUCKET, RateLimit.parse("1/1h"), 1);
        acquire(NOW, minute, hour);

        assertThat(acquire(NOW, minute, hour))
            .isEqualTo(Acquisition.denied(Acquisition.Status.DENIED, hour, Duration.ofHours(1)));
    }

    @Test
    default void aCostShouldConsumeThatManyUnits() {
        RateLimit tenPerMinute = RateLimit.parse("10/1m");

        assertThat(acquire(NOW, window(BUCKET, tenPerMinute, 4)).allowed()).isTrue();
        assertThat(acquire(NOW, window(BUCKET, tenPerMinute, 4)).allowed()).isTrue();
        assertThat(acquire(NOW, window(BUCKET, tenPerMinute, 4)).retryAfter()).isEqualTo(Duration.ofSeconds(12));
        assertThat(acquire(NOW, window(BUCKET, tenPerMinute, 2)).allowed()).isTrue();
        assertThat(used(window(BUCKET, tenPerMinute, 1), NOW)).isEqualTo(10);
    }

    @Test
    default void aCostAboveTheLimitShouldNeverPass() {
        WindowSpec tooMany = window(BUCKET, FIVE_PER_MINUTE, 6);

        assertThat(acquire(NOW, tooMany))
            .isEqualTo(Acquisition.denied(Acquisition.Status.OVER_CAPACITY, tooMany, Duration.ofMinutes(1)));
        assertThat(used(tooMany, NOW)).isZero();
    }

    @Test
    default void peekShouldReportUsageWithoutConsuming() {
        WindowSpec window = window(BUCKET, FIVE_PER_MINUTE, 1);
        for (int i = 0; i < 3; i++) {
            acquire(NOW, window);
        }

        assertThat(store().peek(List.of(window, window(OTHER_BUCKET, FIVE_PER_MINUTE, 1)), NOW.plusSeconds(6)))
            .containsExactly(new WindowUsage(window, 3, Duration.ofSeconds(30)),
                new WindowUsage(window(OTHER_BUCKET, FIVE_PER_MINUTE, 1), 0, Duration.ZERO));
        assertThat(used(window, NOW.plusSeconds(12))).isEqualTo(2);
    }

    @Test
    default void largeCountsShouldStayExact() {
        RateLimit million = RateLimit.parse("1000000/1d");
        acquire(NOW, window(BUCKET, million, 999_999));

        assertThat(acquire(NOW, window(BUCKET, million, 1)).allowed()).isTrue();
        assertThat(acquire(NOW, window(BUCKET, million, 1)).retryAfter()).isEqualTo(Duration.ofMillis(87));
        assertThat(used(window(BUCKET, million, 1), NOW)).isEqualTo(1_000_000);
    }

    @Test
    default void aClockBehindTheStoredOneShouldRepayNothing() {
        WindowSpec window = window(BUCKET, FIVE_PER_MINUTE, 1);
        for (int i = 0; i < 5; i++) {
            acquire(NOW.plusSeconds(10), window);
        }

        assertThat(acquire(NOW, window).retryAfter()).isEqualTo(Duration.ofSeconds(22));
    }

    @Test
    default void resetShouldForgetEveryWindowOfTheBucketOnly() {
        WindowSpec minute = window(BUCKET, FIVE_PER_MINUTE, 5);
        WindowSpec day = window(BUCKET, THREE_PER_DAY, 1);
        WindowSpec other = window(OTHER_BUCKET, FIVE_PER_MINUTE, 1);
        acquire(NOW, minute, day, other);

        store().reset(BUCKET);

        assertThat(store().peek(List.of(minute, day, other), NOW)).extracting(WindowUsage::used)
            .containsExactly(0L, 0L, 1L);
    }

    @Test
    default void purgingShouldKeepWindowsThatHaveNotDrained() {
        WindowSpec window = window(BUCKET, FIVE_PER_MINUTE, 5);
        acquire(NOW, window);

        store().purgeIdle(NOW.plusSeconds(30));

        assertThat(used(window, NOW.plusSeconds(30))).isEqualTo(3);
    }

    @Test
    default void twoWindowsOfOneBucketAndLengthShouldBeRefused() {
        assertThatThrownBy(() -> acquire(NOW, window(BUCKET, FIVE_PER_MINUTE, 1),
            window(BUCKET, RateLimit.parse("7/60s"), 1)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void concurrentAcquisitionsShouldAdmitExactlyTheLimit() throws Exception {
        WindowSpec window = window(BUCKET, RateLimit.parse("50/1m"), 1);
        ExecutorService executor = Executors.newFixedThreadPool(200);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return acquire(NOW, window).allowed();
                }));
            }
            start.countDown();
            int allowed = 0;
            for (Future<Boolean> result : results) {
                allowed += result.get() ? 1 : 0;
            }

            assertThat(allowed).isEqualTo(50);
        } finally {
            executor.shutdownNow();
        }
    }
}
