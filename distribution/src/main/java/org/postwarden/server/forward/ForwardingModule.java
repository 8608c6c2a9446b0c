package org.postwarden.server.forward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.inject.Provider;
import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.webadmin.Routes;
import org.postwarden.common.Durations;
import org.postwarden.forward.ForwardLog;
import org.postwarden.forward.jdbc.JdbcForwardLog;
import org.postwarden.server.config.PropertiesFiles;
import org.postwarden.srs.ReverseSrsGate;
import org.postwarden.srs.SrsConfiguration;
import org.postwarden.srs.keys.ConfiguredSrsKeyring;
import org.postwarden.srs.keys.SrsKeyring;
import org.postwarden.srs.keys.StoredSrsKeyring;
import org.postwarden.srs.keys.jdbc.JdbcSrsSecretStore;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.Throttler;
import org.postwarden.webadmin.srs.SrsSecretRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

/**
 * Forwarding: SRS (conf/srs.properties). The secrets of {@code secrets=} when set; else secrets kept in the shared
 * database and rotated over webadmin, seeded at the first start with var/srs/secret, where earlier versions kept a
 * generated secret, so that the addresses it signed still reverse. Also the log of forwards that keeps a message from
 * going twice to one target within {@code dedupWindow} (srs.properties, default 1d), in the shared database, purged
 * hourly. Bounces to our SRS addresses pass the {@link ReverseSrsGate}, which counts returns and bad hashes in the
 * throttle store of conf/throttle.properties.
 */
public class ForwardingModule extends AbstractModule {
    private static final String LEGACY_SECRET_FILE = "var/srs/secret";

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(SrsSecretRoutes.class);
        bind(ForwardLogPurger.class).asEagerSingleton();
        bind(SrsKeyringRefresher.class).asEagerSingleton();
    }

    @Provides
    @Singleton
    @SrsProperties
    Map<String, String> properties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return PropertiesFiles.read(propertiesProvider, "srs");
    }

    @Provides
    @Singleton
    SrsConfiguration configuration(@SrsProperties Map<String, String> properties) {
        return SrsConfiguration.from(properties);
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
    SrsKeyring keyring(SrsConfiguration configuration, Provider<DataSource> dataSource,
                       JamesDirectoriesProvider directories, Clock clock) {
        if (!configuration.secrets().isEmpty()) {
            return new ConfiguredSrsKeyring(configuration, clock);
        }
        return StoredSrsKeyring.open(new JdbcSrsSecretStore(dataSource.get()), configuration, clock,
            legacySecret(Path.of(directories.getRootDirectory()).resolve(LEGACY_SECRET_FILE)));
    }

    @Provides
    @Singleton
    ReverseSrsGate reverseSrsGate(SrsKeyring keyring, SrsConfiguration configuration, Throttler throttler,
                                  ThrottleStore store, Clock clock) {
        return new ReverseSrsGate(keyring, configuration, throttler, store, clock);
    }

    private static Optional<String> legacySecret(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SRS secret " + file, e);
        }
    }
}
