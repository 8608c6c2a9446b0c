package org.postwarden.greylist.redis;

/**
 * The Lua scripts that make each store primitive atomic on the Redis server. Epoch milliseconds fit exactly in
 * Lua's double numbers.
 */
final class RedisScripts {
    /** KEYS: triplet. ARGV: expected version or "", state, firstSeen, lastSeen, passCount, expiresAt, network,
     * sender, recipient. Returns 1 when written. */
    static final String COMPARE_AND_SET = """
        local current = redis.call('HGET', KEYS[1], 'version')
        if ARGV[1] == '' then
          if current then return 0 end
        elseif current ~= ARGV[1] then
          return 0
        end
        redis.call('HSET', KEYS[1], 'version', (tonumber(current) or 0) + 1, 'state', ARGV[2],
          'firstSeen', ARGV[3], 'lastSeen', ARGV[4], 'passCount', ARGV[5], 'expiresAt', ARGV[6],
          'network', ARGV[7], 'sender', ARGV[8], 'recipient', ARGV[9])
        redis.call('PEXPIREAT', KEYS[1], ARGV[6])
        return 1
        """;

    /** KEYS: network. ARGV: now, expiresAt, network. Returns the new pass count. */
    static final String RECORD_NETWORK_PASS = """
        local expiresAt = tonumber(redis.call('HGET', KEYS[1], 'expiresAt'))
        if not expiresAt or expiresAt <= tonumber(ARGV[1]) then
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[1], 'network', ARGV[3], 'firstPass', ARGV[1])
        end
        local passes = redis.call('HINCRBY', KEYS[1], 'passCount', 1)
        redis.call('HSET', KEYS[1], 'lastPass', ARGV[1], 'expiresAt', ARGV[2])
        redis.call('PEXPIREAT', KEYS[1], ARGV[2])
        return passes
        """;

    /** KEYS: triplet or network. ARGV: now. Returns 1 when deleted. */
    static final String DELETE_IF_EXPIRED = """
        local expiresAt = tonumber(redis.call('HGET', KEYS[1], 'expiresAt'))
        if expiresAt and expiresAt <= tonumber(ARGV[1]) then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private RedisScripts() {
    }
}
