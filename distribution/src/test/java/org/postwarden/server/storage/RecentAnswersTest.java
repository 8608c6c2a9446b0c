package org.postwarden.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.google.common.base.Ticker;

class RecentAnswersTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker clock = new Ticker() {
        @Override
        public long read() {
            return nanos.get();
        }
    };
    private final AtomicInteger lookups = new AtomicInteger();
    private String stored = "first";

    private String lookup() {
        lookups.incrementAndGet();
        return stored;
    }

    @Test
    void getShouldAskTheStoreOnceWithinTheExpiracy() {
        RecentAnswers<String, String> answers = new RecentAnswers<>(Duration.ofSeconds(10), 100, clock);

        assertThat(answers.get("bob", this::lookup)).isEqualTo("first");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(9));
        assertThat(answers.get("bob", this::lookup)).isEqualTo("first");

        assertThat(lookups).hasValue(1);
    }

    @Test
    void getShouldAskTheStoreAgainAfterTheExpiracy() {
        RecentAnswers<String, String> answers = new RecentAnswers<>(Duration.ofSeconds(10), 100, clock);
        answers.get("bob", this::lookup);
        stored = "second";

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(11));

        assertThat(answers.get("bob", this::lookup)).isEqualTo("second");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void clearShouldMakeTheNextGetAskTheStore() {
        RecentAnswers<String, String> answers = new RecentAnswers<>(Duration.ofSeconds(10), 100, clock);
        answers.get("bob", this::lookup);
        stored = "second";

        answers.clear();

        assertThat(answers.get("bob", this::lookup)).isEqualTo("second");
    }

    @Test
    void anAnswerReadWhileTheStoreChangedShouldNotBeKept() {
        RecentAnswers<String, String> answers = new RecentAnswers<>(Duration.ofSeconds(10), 100, clock);

        String duringChange = answers.get("bob", () -> {
            String read = lookup();
            stored = "second";
            answers.clear();
            return read;
        });

        assertThat(duringChange).isEqualTo("first");
        assertThat(answers.get("bob", this::lookup)).isEqualTo("second");
    }

    @Test
    void aZeroExpiracyShouldAskTheStoreEveryTime() {
        RecentAnswers<String, String> answers = new RecentAnswers<>(Duration.ZERO, 100, clock);

        answers.get("bob", this::lookup);
        answers.get("bob", this::lookup);

        assertThat(lookups).hasValue(2);
    }
}
