package org.postwarden.server.dkim;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.webadmin.Routes;
import org.postwarden.common.Durations;
import org.postwarden.dkim.keys.DkimKey;
import org.postwarden.dkim.keys.DkimKeyManager;
import org.postwarden.dkim.keys.DkimKeyStore;
import org.postwarden.dkim.keys.FileDkimKeyStore;
import org.postwarden.dns.DnsResolver;
import org.postwarden.server.config.PeriodicJob;
import org.postwarden.server.config.PropertiesFiles;
import org.postwarden.webadmin.dkim.DkimKeyRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

/**
 * Outbound DKIM: signing keys kept under var/dkim (private keys readable by the server's user only), managed over
 * webadmin, activated once their DNS record is seen and retired after a grace period (conf/dkim.properties).
 */
public class DkimSigningModule extends AbstractModule {

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(DkimKeyRoutes.class);
        bind(KeyMaintenance.class).asEagerSingleton();
    }

    @Provides
    @Singleton
    @DkimProperties
    Map<String, String> properties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return PropertiesFiles.read(propertiesProvider, "dkim");
    }

    @Provides
    @Singleton
    DkimKeyStore store(JamesDirectoriesProvider directories, @DkimProperties Map<String, String> properties) {
        return new FileDkimKeyStore(Path.of(directories.getRootDirectory()).resolve(properties.getOrDefault("keys.directory", "var/dkim")));
    }

    @Provides
    @Singleton
    DkimKeyManager manager(DkimKeyStore store, DnsResolver resolver, Clock clock, @DkimProperties Map<String, String> properties) {
        return new DkimKeyManager(store, resolver, clock, Durations.parse(properties.getOrDefault("retiring.grace", "7d")));
    }

    /** Activates pending keys whose DNS record appeared and retires keys past their grace period. */
    @Singleton
    static class KeyMaintenance {
        private static final Logger LOGGER = LoggerFactory.getLogger(KeyMaintenance.class);

        private final PeriodicJob job;

        @Inject
        KeyMaintenance(DkimKeyManager manager, @DkimProperties Map<String, String> properties) {
            job = PeriodicJob.start("dkim-key-maintenance", Durations.parse(properties.getOrDefault("check.interval", "10m")),
                () -> manager.advance().forEach(KeyMaintenance::log));
        }

        private static void log(DkimKey key) {
            LOGGER.info("DKIM key {} of {} is now {}", key.selector(), key.domain(), key.state());
        }

        @PreDestroy
        void stop() {
            job.close();
        }
    }
}
