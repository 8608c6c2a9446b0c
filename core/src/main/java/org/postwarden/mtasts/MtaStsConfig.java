package org.postwarden.mtasts;

import org.postwarden.config.ConfigFile;

/** Every key of conf/mta-sts.properties: how policies and MX hosts are reached, and how delivery retries. */
public record MtaStsConfig(MtaStsConfiguration connection, MtaStsDeliverySettings delivery) {
    public static final String FILE = "mta-sts.properties";

    public static MtaStsConfig from(ConfigFile file) {
        MtaStsConfig config = new MtaStsConfig(MtaStsConfiguration.from(file), MtaStsDeliverySettings.from(file));
        file.rejectUnknownKeys();
        return config;
    }
}
