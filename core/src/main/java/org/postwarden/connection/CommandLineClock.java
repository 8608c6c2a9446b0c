package org.postwarden.connection;

import java.time.Duration;
import java.util.Optional;

/**
 * When the command line being received started, to hold it to a deadline that trickled bytes cannot reset: an idle
 * timer restarts with every byte, so a client sending one byte every few seconds (slowloris) would hold the
 * connection forever. Times are {@link System#nanoTime()} values. Not thread-safe: one per connection, used on its
 * event loop.
 */
public final class CommandLineClock {
    private final Duration deadline;
    private boolean lineStarted;
    private long startedAt;

    public CommandLineClock(Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
        this.deadline = deadline;
    }

    /**
     * One read from the client.
     *
     * @param endsLine the last byte of the read is a line feed: no line is left unfinished
     * @param hasLineFeed the read holds a line feed: the line after it (if any) starts now
     */
    public void onRead(boolean endsLine, boolean hasLineFeed, long now) {
        if (endsLine) {
            lineStarted = false;
        } else if (hasLineFeed || !lineStarted) {
            lineStarted = true;
            startedAt = now;
        }
    }

    /** How long until the unfinished line is overdue (zero or negative: it is), empty when no line is unfinished. */
    public Optional<Duration> overdueIn(long now) {
        if (!lineStarted) {
            return Optional.empty();
        }
        return Optional.of(deadline.minusNanos(now - startedAt));
    }
}
