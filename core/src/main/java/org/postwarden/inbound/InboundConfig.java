package org.postwarden.inbound;

import java.time.Duration;

import org.postwarden.config.ConfigFile;

/**
 * Every key of conf/authentication.properties: the verdict handling of {@link InboundPolicy} and
 * {@code spf.timeBudget} (20s: the longest an SPF evaluation and its DNS lookups may take).
 */
public record InboundConfig(InboundPolicy policy, Duration spfTimeBudget) {
    public static final String FILE = "authentication.properties";

    /** {@code defaultAuthservId}: the name in Authentication-Results when {@code authservId} is unset. */
    public static InboundConfig from(ConfigFile file, String defaultAuthservId) {
        InboundConfig config = new InboundConfig(InboundPolicy.from(file, defaultAuthservId),
            file.duration("spf.timeBudget", Duration.ofSeconds(20)));
        file.rejectUnknownKeys();
        return config;
    }
}
