package org.postwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CommandLineClockTest {
    private static final long SECOND = 1_000_000_000L;
    private final CommandLineClock clock = new CommandLineClock(Duration.ofSeconds(60));

    @Test
    void noDeadlineRunsBetweenCommands() {
        clock.onRead(true, true, 0);

        assertThat(clock.overdueIn(1000 * SECOND)).isEmpty();
    }

    @Test
    void trickledBytesDoNotRestartTheLine() {
        clock.onRead(false, false, 0);
        clock.onRead(false, false, 30 * SECOND);
        clock.onRead(false, false, 59 * SECOND);

        assertThat(clock.overdueIn(60 * SECOND)).contains(Duration.ZERO);
    }

    @Test
    void aLineFeedEndsTheLineAndWhatFollowsItStartsTheNext() {
        clock.onRead(false, false, 0);
        clock.onRead(false, true, 50 * SECOND);

        assertThat(clock.overdueIn(60 * SECOND)).contains(Duration.ofSeconds(50));
    }

    @Test
    void aCompletedLineStopsTheDeadline() {
        clock.onRead(false, false, 0);
        clock.onRead(true, true, 50 * SECOND);

        assertThat(clock.overdueIn(500 * SECOND)).isEmpty();
    }
}
