package org.postwarden.throttle;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The generic cell rate algorithm in exact integer arithmetic, shared by the Java stores; {@code AcquireScript}
 * in the Redis store is the same computation in Lua, and the store contract holds both to it.
 *
 * <p>GCRA keeps a theoretical arrival time (TAT) per window: each unit pushes it {@code T = window / limit}
 * further, and a unit conforms when the TAT it leads to is at most {@code window} ahead of now. Since {@code T}
 * is rarely a whole number of milliseconds, the state is kept scaled by {@code limit}: the <em>debt</em>
 * {@code (TAT - updatedAt) * limit}. Each unit adds {@code window}, time repays {@code limit} per millisecond,
 * and a unit conforms while the debt stays at most {@code window * limit}. A fresh window therefore admits
 * exactly {@code limit} units at once, and then one more every {@code T}: no tolerance beyond the limit.
 *
 * <p>A clock behind the stored {@code updatedAt} (another node's) repays nothing rather than going back in time.
 */
public final class Gcra {
    /** A window's stored state; {@link #EMPTY} when it has none. */
    public record State(long debt, long updatedAt) {
        public static final State EMPTY = new State(0, 0);
    }

    /** The answer, and the states to store when it is allowed (unchanged when it is not). */
    public record Evaluation(Acquisition acquisition, List<State> next) {
    }

    private Gcra() {
    }

    /**
     * The windows sorted by bucket then window length, the order in which stores lock them.
     *
     * @throws IllegalArgumentException when two windows share a bucket and length
     */
    public static List<WindowSpec> ordered(List<WindowSpec> windows) {
        Set<String> seen = new HashSet<>();
        for (WindowSpec window : windows) {
            Preconditions.checkArgument(seen.add(window.bucket() + "\0" + window.limit().windowMillis()),
                "Two windows of %s last %s", window.bucket(), window.limit().window());
        }
        List<WindowSpec> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparing(WindowSpec::bucket).thenComparing(w -> w.limit().windowMillis()));
        return sorted;
    }

    /** {@code states.get(i)} is the state of {@code windows.get(i)}. */
    public static Evaluation evaluate(List<WindowSpec> windows, List<State> states, long now) {
        List<State> next = new ArrayList<>(windows.size());
        WindowSpec worst = null;
        long worstWait = -1;
        for (int i = 0; i < windows.size(); i++) {
            WindowSpec window = windows.get(i);
            long limit = window.limit().limit();
            long length = window.limit().windowMillis();
            if (window.cost() > limit) {
                return new Evaluation(Acquisition.denied(Acquisition.Status.OVER_CAPACITY, window,
                    window.limit().window()), states);
            }
            long time = Math.max(now, states.get(i).updatedAt());
            long needed = debtAt(states.get(i), window.limit(), time) + window.cost() * length;
            long excess = needed - length * limit;
            if (excess > 0) {
                long wait = ceilDiv(excess, limit) + time - now;
                if (wait > worstWait) {
                    worst = window;
                    worstWait = wait;
                }
            }
            next.add(new State(needed, time));
        }
        if (worst != null) {
            return new Evaluation(Acquisition.denied(Acquisition.Status.DENIED, worst, Duration.ofMillis(worstWait)),
                states);
        }
        return new Evaluation(Acquisition.ALLOWED, next);
    }

    public static WindowUsage usage(WindowSpec window, State state, long now) {
        long debt = debtAt(state, window.limit(), Math.max(now, state.updatedAt()));
        return new WindowUsage(window, ceilDiv(debt, window.limit().windowMillis()),
            Duration.ofMillis(ceilDiv(debt, window.limit().limit()) + Math.max(0, state.updatedAt() - now)));
    }

    /** Instant after which a window updated at {@code updatedAt} is certainly empty, for expiring stored state. */
    public static long drainedAt(WindowSpec window, long updatedAt) {
        return updatedAt + window.limit().windowMillis();
    }

    /**
     * The debt repaid up to {@code time}, which is not before {@code updatedAt}. The debt never exceeds
     * {@code window * limit}, so a whole window of repayment clears it; capping the elapsed time first keeps the
     * product from overflowing after long idleness.
     */
    private static long debtAt(State state, RateLimit limit, long time) {
        long elapsed = Math.min(time - state.updatedAt(), limit.windowMillis());
        return Math.max(0, state.debt() - elapsed * limit.limit());
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
