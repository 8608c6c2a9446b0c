package org.postwarden.reputation;

import java.time.Duration;

import org.postwarden.config.ConfigFile;

/**
 * Every key of conf/reputation.properties: {@code store} ({@code jdbc} or {@code memory}), the suspension rule of
 * {@link ReputationPolicy}, and {@code purge.interval} (1h: how often counts that left the window are deleted).
 */
public record ReputationConfig(Store store, ReputationPolicy policy, Duration purgeInterval) {
    public static final String FILE = "reputation.properties";

    public enum Store { JDBC, MEMORY }

    public static ReputationConfig from(ConfigFile file) {
        ReputationConfig config = new ReputationConfig(
            file.choice("store", Store.JDBC, Store.class),
            ReputationPolicy.from(file),
            file.positiveDuration("purge.interval", Duration.ofHours(1)));
        file.rejectUnknownKeys();
        return config;
    }
}
