package org.postwarden.throttle;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Overrides local to one JVM, for tests and single-node demonstrations. Forgets everything on restart. */
public final class InMemoryOverrideStore implements OverrideStore {
    private final Map<String, Quota> overrides = new ConcurrentHashMap<>();

    @Override
    public Optional<Quota> override(ThrottleKey user) {
        return Optional.ofNullable(overrides.get(user.userName()));
    }

    @Override
    public void setOverride(ThrottleKey user, Quota quota) {
        overrides.put(user.userName(), quota);
    }

    @Override
    public boolean removeOverride(ThrottleKey user) {
        return overrides.remove(user.userName()) != null;
    }

    @Override
    public Map<String, Quota> overrides() {
        return new TreeMap<>(overrides);
    }
}
