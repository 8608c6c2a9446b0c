package org.postwarden.server.forward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import javax.inject.Provider;
import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.webadmin.Routes;
import org.postwarden.forward.ForwardLog;
import org.postwarden.forward.ForwardingConfig;
import org.postwarden.forward.jdbc.JdbcForwardLog;
import org.postwarden.server.config.ConfigBindings;
import org.postwarden.server.config.ScheduledJobs;
import org.postwarden.srs.ReverseSrsGate;
import org.postwarden.srs.SrsConfiguration;
import org.postwarden.srs.keys.ConfiguredSrsKeyring;
import org.postwarden.srs.keys.SrsKeyring;
import org.postwarden.srs.keys.StoredSrsKeyring;
import org.postwarden.srs.keys.jdbc.JdbcSrsSecretStore;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.Throttler;
import org.postwarden.webadmin.srs.SrsSecretRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Forwarding: SRS (conf/srs.properties). The secrets of {@code secrets=} when set; else secrets kept in the shared
 * database and rotated over webadmin, seeded at the first start with var/srs/secret, where earlier versions kept a
 * generated secret, so that the addresses it signed still reverse. Also the log of forwards that keeps a message from
 * going twice to one target within {@code dedupWindow} (srs.properties, default 1d), in the shared database, purged
 * hourly. Bounces to our SRS addresses pass the {@link ReverseSrsGate}, which counts returns and bad hashes in the
 * throttle store of conf/throttle.properties.
 */
public class ForwardingModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(ForwardingModule.class);
    private static final String LEGACY_SECRET_FILE = "var/srs/secret";
    private static final Duration SECRET_REFRESH_INTERVAL = Duration.ofSeconds(30);

    @Override
    protected void configure() {
        ConfigBindings.file(binder(), ForwardingConfig.class);
        ConfigBindings.part(binder(), ForwardingConfig.class, SrsConfiguration.class, ForwardingConfig::srs);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(SrsSecretRoutes.class);
    }

    @Provides
    @Singleton
    ForwardLog forwardLog(ForwardingConfig config, Provider<DataSource> dataSource) {
        return new JdbcForwardLog(dataSource.get(), config.dedupWindow());
    }

    /** A SQL table does not expire rows by itself. */
    @ProvidesIntoSet
    InitializationOperation purgeForwardLog(ScheduledJobs jobs, ForwardLog log, Clock clock) {
        return jobs.every("forward-log-purge", Duration.ofHours(1),
            () -> LOGGER.debug("forward log purge removed {} expired forwards", log.purgeExpired(clock.instant())));
    }

    /**
     * Reloads the stored SRS secrets, so that this node signs with a secret another node rotated in and reverses with
     * the ones it keeps, and purges the secrets whose addresses all expired. Secrets of srs.properties do not change.
     */
    @ProvidesIntoSet
    InitializationOperation refreshSecrets(ScheduledJobs jobs, SrsKeyring keyring) {
        return keyring instanceof StoredSrsKeyring stored
            ? jobs.every("srs-secret-refresh", SECRET_REFRESH_INTERVAL, stored::refresh)
            : jobs.none();
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
