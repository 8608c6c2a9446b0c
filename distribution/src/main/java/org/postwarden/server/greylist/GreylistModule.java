package org.postwarden.server.greylist;

import java.time.Clock;
import java.time.Duration;

import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.webadmin.Routes;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.ForwardConfirmedDns;
import org.postwarden.greylist.CachedWhitelist;
import org.postwarden.greylist.Greylist;
import org.postwarden.greylist.GreylistConfig;
import org.postwarden.greylist.GreylistConfiguration;
import org.postwarden.greylist.GreylistGate;
import org.postwarden.greylist.GreylistSettings;
import org.postwarden.greylist.GreylistStatistics;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.InMemoryGreylistStore;
import org.postwarden.greylist.LazyGreylistStore;
import org.postwarden.greylist.jdbc.JdbcGreylistStore;
import org.postwarden.greylist.redis.RedisGreylistStore;
import org.postwarden.server.config.ConfigBindings;
import org.postwarden.server.config.ScheduledJobs;
import org.postwarden.spf.SpfStatus;
import org.postwarden.spf.SpfVerifier;
import org.postwarden.webadmin.greylist.GreylistRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/** Greylisting, configured by conf/greylist.properties: the store, the rules, the SMTP gate, the webadmin routes and the purge. */
public class GreylistModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(GreylistModule.class);
    private static final Duration REOPEN_INTERVAL = Duration.ofSeconds(10);

    @Override
    protected void configure() {
        ConfigBindings.file(binder(), GreylistConfig.class);
        ConfigBindings.part(binder(), GreylistConfig.class, GreylistConfiguration.class, GreylistConfig::rules);
        ConfigBindings.part(binder(), GreylistConfig.class, GreylistSettings.class, GreylistConfig::gate);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(GreylistRoutes.class);
    }

    @Provides
    @Singleton
    GreylistStore store(GreylistConfig config, Provider<DataSource> dataSource,
                        Provider<EmbeddedGreylistFile> embedded, Clock clock) {
        return switch (config.store()) {
            case EMBEDDED -> new LazyGreylistStore(() -> embedded.get().open(), clock, REOPEN_INTERVAL);
            case JDBC -> new LazyGreylistStore(() -> new JdbcGreylistStore(dataSource.get()), clock, REOPEN_INTERVAL);
            case REDIS -> new LazyGreylistStore(() -> RedisGreylistStore.connect(config.redisUri()), clock, REOPEN_INTERVAL);
            case MEMORY -> new InMemoryGreylistStore();
        };
    }

    /** A SQL store does not expire rows by itself. */
    @ProvidesIntoSet
    InitializationOperation purge(ScheduledJobs jobs, GreylistStore store, Clock clock, GreylistConfig config) {
        return jobs.every("greylist-purge", config.purgeInterval(),
            () -> LOGGER.debug("greylist purge removed {} expired records", store.purgeExpired(clock.instant())));
    }

    @Provides
    @Singleton
    Greylist greylist(GreylistStore store, GreylistConfiguration configuration, Clock clock, GaugeRegistry gauges) {
        Greylist greylist = new Greylist(store, configuration, clock);
        GreylistStatistics statistics = greylist.statistics();
        gauges.register("postwarden.greylist.greylisted", statistics::greylisted)
            .register("postwarden.greylist.passedOnRetry", statistics::passedOnRetry)
            .register("postwarden.greylist.knownTripletPasses", statistics::knownTripletPasses)
            .register("postwarden.greylist.autoWhitelistedPasses", statistics::autoWhitelistedPasses)
            .register("postwarden.greylist.skipped", statistics::skipped)
            .register("postwarden.greylist.storeErrors", statistics::storeErrors);
        return greylist;
    }

    @Provides
    @Singleton
    CachedWhitelist whitelist(GreylistStore store, Clock clock, GreylistConfig config) {
        return new CachedWhitelist(store, clock, config.whitelistRefresh());
    }

    @Provides
    @Singleton
    GreylistGate gate(Greylist greylist, CachedWhitelist whitelist, DnsResolver resolver, GreylistSettings settings, Clock clock) {
        SpfVerifier spf = new SpfVerifier(resolver);
        return new GreylistGate(greylist, whitelist, new ForwardConfirmedDns(resolver),
            (ip, sender, helo) -> spf.check(ip, sender, helo).status() == SpfStatus.PASS, settings, clock);
    }
}
