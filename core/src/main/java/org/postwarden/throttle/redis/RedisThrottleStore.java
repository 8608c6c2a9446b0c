package org.postwarden.throttle.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.postwarden.common.redis.RedisConnection;
import org.postwarden.throttle.Acquisition;
import org.postwarden.throttle.Gcra;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.WindowSpec;
import org.postwarden.throttle.WindowUsage;

/**
 * Counters in Redis (standalone, or a master found through Sentinel), shared by the nodes: a hash per bucket at
 * {@code postwarden:throttle:<bucket>}, one Lua script per acquisition ({@link AcquireScript}), and keys that
 * expire once drained, so {@link #purgeIdle} has nothing to do. Redis Cluster is not supported yet: an acquisition
 * spans several buckets, which would need a hash tag.
 */
public final class RedisThrottleStore implements ThrottleStore, AutoCloseable {
    private static final String PREFIX = "postwarden:throttle:";

    private final RedisConnection connection;
    private final RedisCommands<String, String> commands;
    private final AcquireScript acquireScript;

    /** Uses a connection the caller keeps ownership of. */
    public RedisThrottleStore(StatefulRedisConnection<String, String> connection) {
        this(RedisConnection.borrowed(connection));
    }

    private RedisThrottleStore(RedisConnection connection) {
        this.connection = connection;
        this.commands = connection.commands();
        this.acquireScript = new AcquireScript(commands);
    }

    /**
     * Connects as {@link RedisConnection#open} does, so that a {@link org.postwarden.throttle.FallbackThrottleStore}
     * takes over quickly when Redis is down. Close the store to close the connection.
     *
     * @throws ThrottleStoreException when Redis cannot be reached
     */
    public static RedisThrottleStore connect(String uri) {
        return new RedisThrottleStore(RedisConnection.open(uri, ThrottleStoreException::new));
    }

    @Override
    public Acquisition acquire(List<WindowSpec> windows, Instant now) {
        List<WindowSpec> ordered = Gcra.ordered(windows);
        Map<String, Integer> keyIndexes = new LinkedHashMap<>();
        List<String> arguments = new ArrayList<>(List.of(String.valueOf(now.toEpochMilli())));
        for (WindowSpec window : ordered) {
            int keyIndex = keyIndexes.computeIfAbsent(PREFIX + window.bucket(), key -> keyIndexes.size() + 1);
            arguments.addAll(List.of(String.valueOf(keyIndex), String.valueOf(window.limit().windowMillis()),
                String.valueOf(window.limit().limit()), String.valueOf(window.cost())));
        }
        AcquireScript.Result result = call("count against rate limits", () -> acquireScript.run(commands,
            keyIndexes.keySet().toArray(String[]::new), arguments.toArray(String[]::new)));
        if (result.status() == 0) {
            return Acquisition.ALLOWED;
        }
        WindowSpec window = ordered.get(result.window());
        return result.status() == 1
            ? Acquisition.denied(Acquisition.Status.DENIED, window, Duration.ofMillis(result.waitMillis()))
            : Acquisition.denied(Acquisition.Status.OVER_CAPACITY, window, window.limit().window());
    }

    @Override
    public List<WindowUsage> peek(List<WindowSpec> windows, Instant now) {
        return call("read rate limit usage", () -> windows.stream().map(window -> {
            String field = String.valueOf(window.limit().windowMillis());
            List<String> state = commands.hmget(PREFIX + window.bucket(), field + ":debt", field + ":at").stream()
                .map(value -> value.getValueOrElse(null))
                .toList();
            Gcra.State stored = state.get(0) == null || state.get(1) == null
                ? Gcra.State.EMPTY
                : new Gcra.State(Long.parseLong(state.get(0)), Long.parseLong(state.get(1)));
            return Gcra.usage(window, stored, now.toEpochMilli());
        }).toList());
    }

    @Override
    public void reset(String bucket) {
        call("reset a rate limit bucket", () -> commands.del(PREFIX + bucket));
    }

    @Override
    public long purgeIdle(Instant now) {
        return 0;
    }

    /** Closes the connection when this store opened it. */
    @Override
    public void close() {
        connection.close();
    }

    private static <T> T call(String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (RedisException e) {
            throw new ThrottleStoreException("Redis failed to " + action + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ThrottleStoreException("Unreadable throttle data in Redis while trying to " + action, e);
        }
    }
}
