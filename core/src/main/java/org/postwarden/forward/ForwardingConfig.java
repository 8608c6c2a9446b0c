package org.postwarden.forward;

import java.time.Duration;

import org.postwarden.config.ConfigFile;
import org.postwarden.srs.SrsConfiguration;

/**
 * Every key of conf/srs.properties: the SRS settings of {@link SrsConfiguration} and {@code dedupWindow} (1d: a
 * message forwarded again to the same target within it is not sent again).
 */
public record ForwardingConfig(SrsConfiguration srs, Duration dedupWindow) {
    public static final String FILE = SrsConfiguration.FILE;

    public static ForwardingConfig from(ConfigFile file) {
        ForwardingConfig config = new ForwardingConfig(SrsConfiguration.from(file),
            file.duration("dedupWindow", Duration.ofDays(1)));
        file.rejectUnknownKeys();
        return config;
    }
}
