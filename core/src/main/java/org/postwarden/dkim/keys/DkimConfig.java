package org.postwarden.dkim.keys;

import java.time.Duration;

import org.postwarden.config.ConfigFile;

/**
 * Every key of conf/dkim.properties: {@code keys.directory} (var/dkim, relative to the distribution root),
 * {@code check.interval} (10m: how often pending keys are looked up in DNS and retiring keys retired) and
 * {@code retiring.grace} (7d: how long a replaced key keeps verifying).
 */
public record DkimConfig(String keysDirectory, Duration checkInterval, Duration retiringGrace) {
    public static final String FILE = "dkim.properties";

    public static DkimConfig from(ConfigFile file) {
        DkimConfig config = new DkimConfig(
            file.string("keys.directory", "var/dkim"),
            file.positiveDuration("check.interval", Duration.ofMinutes(10)),
            file.duration("retiring.grace", Duration.ofDays(7)));
        file.rejectUnknownKeys();
        return config;
    }
}
