package org.postwarden.throttle.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;

/**
 * {@link org.postwarden.throttle.Gcra#evaluate} as one Lua script, so that checking and consuming every window is
 * atomic on the Redis server. Each bucket is a hash with fields {@code <window ms>:debt} and
 * {@code <window ms>:at}; a key lives at least one window past its last update (PEXPIRE), long enough to drain.
 * Numbers stay below 2<sup>53</sup> ({@link org.postwarden.throttle.RateLimit}), so Lua's doubles are exact and
 * {@code redis.call} writes them as plain integers (it formats with {@code %.17g}). Sent by digest, and in full
 * only when the server does not have it cached yet (after a restart).
 */
final class AcquireScript {
    /**
     * KEYS: the buckets. ARGV: now, then per window: the index of its key in KEYS, window ms, limit, cost.
     * Returns {0, 0, 0} when allowed, {1, window index, wait ms} when denied, {2, window index, 0} when over
     * capacity; window indexes count from 1.
     */
    private static final String SOURCE = """
        local now = tonumber(ARGV[1])
        local count = (#ARGV - 1) / 4
        local debts, times = {}, {}
        local worst, worst_wait = 0, -1
        for i = 1, count do
          local base = 1 + (i - 1) * 4
          local key = KEYS[tonumber(ARGV[base + 1])]
          local field = ARGV[base + 2]
          local window = tonumber(field)
          local limit = tonumber(ARGV[base + 3])
          local cost = tonumber(ARGV[base + 4])
          if cost > limit then
            return {2, i, 0}
          end
          local state = redis.call('HMGET', key, field .. ':debt', field .. ':at')
          local at = tonumber(state[2]) or 0
          local time = math.max(now, at)
          local debt = math.max(0, (tonumber(state[1]) or 0) - math.min(time - at, window) * limit)
          local needed = debt + cost * window
          local excess = needed - window * limit
          if excess > 0 then
            local wait = math.ceil(excess / limit) + time - now
            if wait > worst_wait then
              worst, worst_wait = i, wait
            end
          end
          debts[i], times[i] = needed, time
        end
        if worst > 0 then
          return {1, worst, worst_wait}
        end
        for i = 1, count do
          local base = 1 + (i - 1) * 4
          local key = KEYS[tonumber(ARGV[base + 1])]
          local field = ARGV[base + 2]
          redis.call('HSET', key, field .. ':debt', debts[i], field .. ':at', times[i])
          local ttl = tonumber(field) + times[i] - now
          if redis.call('PTTL', key) < ttl then
            redis.call('PEXPIRE', key, ttl)
          end
        end
        return {0, 0, 0}
        """;

    /** Decoded answer; {@code window} counts from 0. */
    record Result(long status, int window, long waitMillis) {
    }

    private final String digest;

    AcquireScript(RedisCommands<String, String> commands) {
        this.digest = commands.digest(SOURCE);
    }

    Result run(RedisCommands<String, String> commands, String[] keys, String[] arguments) {
        List<Long> answer;
        try {
            answer = commands.evalsha(digest, ScriptOutputType.MULTI, keys, arguments);
        } catch (RedisNoScriptException e) {
            answer = commands.eval(SOURCE, ScriptOutputType.MULTI, keys, arguments);
        }
        return new Result(answer.get(0), answer.get(1).intValue() - 1, answer.get(2));
    }
}
