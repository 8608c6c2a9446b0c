package org.postwarden.server.dkim;

import java.nio.file.Path;
import java.time.Clock;

import javax.inject.Singleton;

import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.webadmin.Routes;
import org.postwarden.dkim.keys.DkimConfig;
import org.postwarden.dkim.keys.DkimKeyManager;
import org.postwarden.dkim.keys.DkimKeyStore;
import org.postwarden.dkim.keys.FileDkimKeyStore;
import org.postwarden.dns.DnsResolver;
import org.postwarden.server.config.ConfigBindings;
import org.postwarden.server.config.ScheduledJobs;
import org.postwarden.webadmin.dkim.DkimKeyRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Outbound DKIM: signing keys kept under var/dkim (private keys readable by the server's user only), managed over
 * webadmin, activated once their DNS record is seen and retired after a grace period (conf/dkim.properties).
 */
public class DkimSigningModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(DkimSigningModule.class);

    @Override
    protected void configure() {
        ConfigBindings.file(binder(), DkimConfig.class);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(DkimKeyRoutes.class);
    }

    @Provides
    @Singleton
    DkimKeyStore store(JamesDirectoriesProvider directories, DkimConfig config) {
        return new FileDkimKeyStore(Path.of(directories.getRootDirectory()).resolve(config.keysDirectory()));
    }

    @Provides
    @Singleton
    DkimKeyManager manager(DkimKeyStore store, DnsResolver resolver, Clock clock, DkimConfig config) {
        return new DkimKeyManager(store, resolver, clock, config.retiringGrace());
    }

    /** Activates pending keys whose DNS record appeared and retires keys past their grace period. */
    @ProvidesIntoSet
    InitializationOperation keyMaintenance(ScheduledJobs jobs, DkimKeyManager manager, DkimConfig config) {
        return jobs.every("dkim-key-maintenance", config.checkInterval(), () -> manager.advance().forEach(key ->
            LOGGER.info("DKIM key {} of {} is now {}", key.selector(), key.domain(), key.state())));
    }
}
