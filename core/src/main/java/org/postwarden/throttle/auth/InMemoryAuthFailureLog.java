package org.postwarden.throttle.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit log in this JVM's memory, for tests and {@code store=memory}. Forgets everything on restart. */
public final class InMemoryAuthFailureLog implements AuthFailureLog {
    private final List<AuthFailureEvent> events = new ArrayList<>();

    @Override
    public synchronized void append(AuthFailureEvent event) {
        events.add(event);
    }

    @Override
    public synchronized List<AuthFailureEvent> since(Instant from) {
        return events.stream().filter(event -> !event.at().isBefore(from)).toList();
    }

    @Override
    public synchronized List<AuthFailureEvent> ofAddress(String address, int limit) {
        List<AuthFailureEvent> matching = events.stream().filter(event -> event.address().equals(address)).toList();
        return new ArrayList<>(matching.subList(Math.max(0, matching.size() - limit), matching.size()));
    }
}
