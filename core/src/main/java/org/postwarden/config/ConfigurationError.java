package org.postwarden.config;

import java.util.Optional;

/**
 * A setting the server cannot start with. The message is one line naming the file, the key and the value as
 * written, as in the file: {@code greylist.properties: delay=5 minuts: expected a duration: ...}.
 */
public final class ConfigurationError extends IllegalArgumentException {
    private final String file;
    private final String key;

    public ConfigurationError(String file, String key, String value, String reason) {
        super(file + ": " + key + "=" + value + ": " + reason);
        this.file = file;
        this.key = key;
    }

    /** For a rule between several keys, whose message already names them and their values. */
    public ConfigurationError(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.key = "";
    }

    public String file() {
        return file;
    }

    public String key() {
        return key;
    }

    /** The configuration error that made a start-up fail, however deep the injector wrapped it. */
    public static Optional<ConfigurationError> causing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationError error) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }
}
