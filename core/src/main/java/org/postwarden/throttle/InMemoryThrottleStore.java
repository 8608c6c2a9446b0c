package org.postwarden.throttle;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters local to one JVM: the node-local fallback of {@link FallbackThrottleStore}, and tests. One lock
 * guards all buckets, which keeps multi-bucket acquisitions atomic; each holds it for microseconds.
 */
public final class InMemoryThrottleStore implements ThrottleStore {
    private record WindowId(String bucket, long windowMillis) {
        static WindowId of(WindowSpec window) {
            return new WindowId(window.bucket(), window.limit().windowMillis());
        }
    }

    private record Stored(Gcra.State state, long drainedAt) {
    }

    private final Map<WindowId, Stored> windows = new HashMap<>();

    @Override
    public synchronized Acquisition acquire(List<WindowSpec> requested, Instant now) {
        List<WindowSpec> ordered = Gcra.ordered(requested);
        Gcra.Evaluation evaluation = Gcra.evaluate(ordered, ordered.stream().map(this::state).toList(),
            now.toEpochMilli());
        if (evaluation.acquisition().allowed()) {
            for (int i = 0; i < ordered.size(); i++) {
                Gcra.State next = evaluation.next().get(i);
                windows.put(WindowId.of(ordered.get(i)),
                    new Stored(next, Gcra.drainedAt(ordered.get(i), next.updatedAt())));
            }
        }
        return evaluation.acquisition();
    }

    @Override
    public synchronized List<WindowUsage> peek(List<WindowSpec> requested, Instant now) {
        return requested.stream().map(window -> Gcra.usage(window, state(window), now.toEpochMilli())).toList();
    }

    @Override
    public synchronized void reset(String bucket) {
        windows.keySet().removeIf(id -> id.bucket().equals(bucket));
    }

    @Override
    public synchronized long purgeIdle(Instant now) {
        int before = windows.size();
        windows.values().removeIf(stored -> stored.drainedAt() <= now.toEpochMilli());
        return before - windows.size();
    }

    private Gcra.State state(WindowSpec window) {
        Stored stored = windows.get(WindowId.of(window));
        return stored == null ? Gcra.State.EMPTY : stored.state();
    }
}
