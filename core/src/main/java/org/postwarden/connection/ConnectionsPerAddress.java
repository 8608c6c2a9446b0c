package org.postwarden.connection;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Concurrent connections per client address, for one server, capped. A refused connection is not counted, so only
 * an admitted one is ever given back.
 */
public final class ConnectionsPerAddress {
    private final int limit;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** Counts one more connection from the address, unless it already holds the limit: then false. */
    public boolean tryOpen(String address) {
        boolean[] admitted = {false};
        open.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        return admitted[0];
    }

    /** Gives back a connection that {@link #tryOpen} admitted. */
    public void close(String address) {
        open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    public int openFrom(String address) {
        return open.getOrDefault(address, 0);
    }
}
