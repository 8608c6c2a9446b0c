package org.postwarden.server.forward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.inject.Provider;
import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.utils.PropertiesProvider;
import org.postwarden.common.Durations;
import org.postwarden.forward.ForwardLog;
import org.postwarden.forward.jdbc.JdbcForwardLog;
import org.postwarden.server.config.PropertiesFiles;
import org.postwarden.srs.Srs;
import org.postwarden.srs.SrsConfiguration;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * Forwarding: SRS (conf/srs.properties). Without a configured secret, one is generated at the first start into
 * var/srs/secret (readable by the server's user only) and kept: SRS addresses must survive restarts. Also the log of
 * forwards that keeps a message from going twice to one target within {@code dedupWindow} (srs.properties, default
 * 1d), in the shared database, purged hourly.
 */
public class ForwardingModule extends AbstractModule {
    private static final int SECRET_BYTES = 32;

    @Override
    protected void configure() {
        bind(ForwardLogPurger.class).asEagerSingleton();
    }

    @Provides
    @Singleton
    @SrsProperties
    Map<String, String> properties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return PropertiesFiles.read(propertiesProvider, "srs");
    }

    @Provides
    @Singleton
    SrsConfiguration configuration(@SrsProperties Map<String, String> properties, JamesDirectoriesProvider directories) {
        SrsConfiguration configuration = SrsConfiguration.from(properties);
        return configuration.withDefaultSecret(generatedSecret(Path.of(directories.getRootDirectory()).resolve("var/srs/secret")));
    }

    @Provides
    @Singleton
    ForwardLog forwardLog(@SrsProperties Map<String, String> properties, Provider<DataSource> dataSource) {
        Duration window;
        try {
            window = Durations.parse(properties.getOrDefault("dedupWindow", "1d"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("srs.properties dedupWindow: " + e.getMessage(), e);
        }
        return new JdbcForwardLog(dataSource.get(), window);
    }

    @Provides
    @Singleton
    Srs srs(SrsConfiguration configuration, Clock clock) {
        return configuration.srs(clock);
    }

    private static String generatedSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] secret = new byte[SECRET_BYTES];
                new SecureRandom().nextBytes(secret);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(secret), StandardCharsets.US_ASCII);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the SRS secret " + file, e);
        }
    }
}
