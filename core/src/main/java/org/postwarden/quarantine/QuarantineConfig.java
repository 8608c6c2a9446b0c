package org.postwarden.quarantine;

import java.time.Duration;

import org.postwarden.config.ConfigFile;

/**
 * Every key of conf/quarantine.properties: {@code repository} (the James mail repository ForwardSpamCheck stores
 * into), {@code retention} (30d: older quarantined mail is deleted) and {@code purge.interval} (1h).
 */
public record QuarantineConfig(String repository, Duration retention, Duration purgeInterval) {
    public static final String FILE = "quarantine.properties";
    public static final String DEFAULT_REPOSITORY = "file://var/mail/quarantine/";

    public static QuarantineConfig from(ConfigFile file) {
        QuarantineConfig config = new QuarantineConfig(
            file.string("repository", DEFAULT_REPOSITORY),
            file.duration("retention", Duration.ofDays(30)),
            file.positiveDuration("purge.interval", Duration.ofHours(1)));
        file.rejectUnknownKeys();
        return config;
    }
}
