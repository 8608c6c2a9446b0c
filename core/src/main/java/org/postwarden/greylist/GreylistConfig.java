package org.postwarden.greylist;

import java.time.Duration;
import java.util.Map;

import org.postwarden.config.ConfigFile;

/**
 * Every key of conf/greylist.properties: {@code store} ({@code embedded}, the default: an H2 MVStore file of this node, {@code embedded.file}
 * var/store/greylist.mv.db with {@code embedded.cache} 32 MB of page cache; {@code jdbc}, {@code redis} or
 * {@code memory}),
 * {@code redis.uri} (redis://127.0.0.1:6379/0), the triplet rules of {@link GreylistConfiguration}, the SMTP gate's
 * {@link GreylistSettings}, {@code whitelist.refresh} (30s: how often a node reloads the admin whitelist) and
 * {@code purge.interval} (1h: how often expired records are deleted).
 */
public record GreylistConfig(Store store, String redisUri, String embeddedFile, int embeddedCacheMegabytes,
                             GreylistConfiguration rules, GreylistSettings gate, Duration whitelistRefresh,
                             Duration purgeInterval) {
    public static final String FILE = "greylist.properties";
    public static final String DEFAULT_REDIS_URI = "redis://127.0.0.1:6379/0";

    public enum Store { EMBEDDED, JDBC, REDIS, MEMORY }

    public static GreylistConfig from(ConfigFile file) {
        GreylistConfig config = new GreylistConfig(
            file.choice("store", Store.EMBEDDED, Store.class),
            file.string("redis.uri", DEFAULT_REDIS_URI),
            file.string("embedded.file", "var/store/greylist.mv.db"),
            file.integer("embedded.cache", 32, 1, 4096),
            GreylistConfiguration.from(file),
            GreylistSettings.from(file),
            file.duration("whitelist.refresh", Duration.ofSeconds(30)),
            file.positiveDuration("purge.interval", Duration.ofHours(1)));
        file.rejectUnknownKeys();
        return config;
    }

    public static GreylistConfig from(Map<String, String> properties) {
        return from(ConfigFile.of(FILE, properties));
    }
}
