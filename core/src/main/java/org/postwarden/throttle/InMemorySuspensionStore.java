package org.postwarden.throttle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Suspensions local to one JVM, for tests and single-node demonstrations. Forgets everything on restart. */
public final class InMemorySuspensionStore implements SuspensionStore {
    private final Map<String, SuspensionEvent> suspended = new HashMap<>();
    private final List<SuspensionEvent> log = new ArrayList<>();

    @Override
    public synchronized Optional<SuspensionEvent> suspend(ThrottleKey user, String reason,
                                                          Map<String, Long> counters, Instant now) {
        if (suspended.containsKey(user.userName())) {
            return Optional.empty();
        }
        SuspensionEvent event = new SuspensionEvent(user.userName(), SuspensionEvent.Action.SUSPENDED, reason,
            counters, now);
        suspended.put(user.userName(), event);
        log.add(event);
        return Optional.of(event);
    }

    @Override
    public synchronized Optional<SuspensionEvent> suspension(ThrottleKey user) {
        return Optional.ofNullable(suspended.get(user.userName()));
    }

    @Override
    public synchronized Optional<SuspensionEvent> unsuspend(ThrottleKey user, String reason, Instant now) {
        if (suspended.remove(user.userName()) == null) {
            return Optional.empty();
        }
        SuspensionEvent event = new SuspensionEvent(user.userName(), SuspensionEvent.Action.UNSUSPENDED, reason,
            Map.of(), now);
        log.add(event);
        return Optional.of(event);
    }

    @Override
    public synchronized List<SuspensionEvent> suspensions() {
        return suspended.values().stream().sorted(Comparator.comparing(SuspensionEvent::at)).toList();
    }

    @Override
    public synchronized List<SuspensionEvent> history(ThrottleKey user) {
        return log.stream().filter(event -> event.user().equals(user.userName())).toList();
    }
}
