package org.postwarden.throttle;

import java.time.Duration;

import org.postwarden.config.ConfigFile;

/**
 * Every key of conf/throttle.properties: {@code store} ({@code jdbc}, the default, {@code embedded} (an H2 MVStore file of this node, {@code embedded.file}
 * var/store/throttle.mv.db, {@code embedded.cache} 16 MB: counters written behind, so a crash may lose the last
 * 200 ms of counts), {@code redis} or {@code memory}: where
 * counters live; overrides, suspensions, the audit logs and first-seen dates stay in the database except with
 * {@code memory}), {@code redis.uri} (redis://127.0.0.1:6379/0), the limits of {@link ThrottlePolicy}, and
 * {@code purge.interval} (1h: how often idle counters are deleted).
 */
public record ThrottleConfig(Store store, String redisUri, String embeddedFile, int embeddedCacheMegabytes,
                             ThrottlePolicy policy, Duration purgeInterval) {
    public static final String FILE = "throttle.properties";
    public static final String DEFAULT_REDIS_URI = "redis://127.0.0.1:6379/0";

    public enum Store { EMBEDDED, JDBC, REDIS, MEMORY }

    public static ThrottleConfig from(ConfigFile file) {
        ThrottleConfig config = new ThrottleConfig(
            file.choice("store", Store.JDBC, Store.class),
            file.string("redis.uri", DEFAULT_REDIS_URI),
            file.string("embedded.file", "var/store/throttle.mv.db"),
            file.integer("embedded.cache", 16, 1, 4096),
            ThrottlePolicy.from(file),
            file.positiveDuration("purge.interval", Duration.ofHours(1)));
        file.rejectUnknownKeys();
        return config;
    }

    /** Whether nothing is kept beyond this node's memory: tests and demos. */
    public boolean inMemory() {
        return store == Store.MEMORY;
    }
}
