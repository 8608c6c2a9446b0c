package org.postwarden.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.MutableClock;

/** What every {@link ForwardLog} does, with a window of {@link #WINDOW}. */
public interface ForwardLogContract {
    Duration WINDOW = Duration.ofHours(24);
    String MESSAGE_ID = "<20261122.1234@origin.example>";
    String TARGET = "friend@remote.example";

    /** A log with a window of {@link #WINDOW}. */
    ForwardLog forwardLog();

    MutableClock clock();

    @Test
    default void recordShouldAcceptTheFirstForward() {
        assertThat(forwardLog().record(MESSAGE_ID, TARGET, clock().instant())).isTrue();
    }

    @Test
    default void recordShouldRefuseTheSameForwardWithinTheWindow() {
        forwardLog().record(MESSAGE_ID, TARGET, clock().instant());
        clock().advance(WINDOW.minusSeconds(1));

        assertThat(forwardLog().record(MESSAGE_ID, TARGET, clock().instant())).isFalse();
    }

    @Test
    default void aDuplicateShouldNotExtendTheWindow() {
        forwardLog().record(MESSAGE_ID, TARGET, clock().instant());
        clock().advance(WINDOW.minusHours(1));
        forwardLog().record(MESSAGE_ID, TARGET, clock().instant());
        clock().advance(Duration.ofHours(1));

        assertThat(forwardLog().record(MESSAGE_ID, TARGET, clock().instant())).isTrue();
    }

    @Test
    default void recordShouldAcceptTheSameForwardAgainOnceTheWindowEnded() {
        forwardLog().record(MESSAGE_ID, TARGET, clock().instant());
        clock().advance(WINDOW);

        assertThat(forwardLog().record(MESSAGE_ID, TARGET, clock().instant())).isTrue();
        assertThat(forwardLog().record(MESSAGE_ID, TARGET, clock().instant())).isFalse();
    }

    @Test
    default void recordShouldTellTargetsApart() {
        forwardLog().record(MESSAGE_ID, TARGET, clock().instant());

        assertThat(forwardLog().record(MESSAGE_ID, "other@remote.example", clock().instant())).isTrue();
    }

    @Test
    default void recordShouldTellMessagesApart() {
        forwardLog().record(MESSAGE_ID, TARGET, clock().instant());

        assertThat(forwardLog().record("<other@origin.example>", TARGET, clock().instant())).isTrue();
    }

    @Test
    default void recordShouldIgnoreTheCaseOfTheTarget() {
        forwardLog().record(MESSAGE_ID, TARGET, clock().instant());

        assertThat(forwardLog().record(MESSAGE_ID, "Friend@Remote.Example", clock().instant())).isFalse();
    }

    @Test
    default void recordShouldAcceptVeryLongMessageIds() {
        String longId = "<" + "x".repeat(2000) + "@origin.example>";
        assertThat(forwardLog().record(longId, TARGET, clock().instant())).isTrue();
        assertThat(forwardLog().record(longId, TARGET, clock().instant())).isFalse();
        assertThat(forwardLog().record(longId.replace("origin", "other"), TARGET, clock().instant())).isTrue();
    }

    @Test
    default void recordShouldRejectAnEmptyMessageId() {
        assertThatThrownBy(() -> forwardLog().record("  ", TARGET, clock().instant()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    default void purgeExpiredShouldRemoveOnlyEndedWindows() {
        forwardLog().record(MESSAGE_ID, TARGET, clock().instant());
        clock().advance(Duration.ofHours(1));
        forwardLog().record("<later@origin.example>", TARGET, clock().instant());
        clock().advance(WINDOW.minusHours(1));

        assertThat(forwardLog().purgeExpired(clock().instant())).isEqualTo(1);
        assertThat(forwardLog().record("<later@origin.example>", TARGET, clock().instant())).isFalse();
        assertThat(forwardLog().record(MESSAGE_ID, TARGET, clock().instant())).isTrue();
    }

    @Test
    default void concurrentRecordsShouldLetOneForwardThrough() throws Exception {
        Instant now = clock().instant();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> forwardLog().record(MESSAGE_ID, TARGET, now));
            }
            long accepted = 0;
            for (Future<Boolean> result : threads.invokeAll(calls)) {
                accepted += result.get() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }
}
