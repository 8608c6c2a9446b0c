package org.postwarden.server.greylist;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.webadmin.Routes;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.ForwardConfirmedDns;
import org.postwarden.greylist.CachedWhitelist;
import org.postwarden.common.Durations;
import org.postwarden.greylist.Greylist;
import org.postwarden.greylist.GreylistConfiguration;
import org.postwarden.greylist.GreylistGate;
import org.postwarden.greylist.GreylistSettings;
import org.postwarden.greylist.GreylistStatistics;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.InMemoryGreylistStore;
import org.postwarden.greylist.LazyGreylistStore;
import org.postwarden.greylist.jdbc.JdbcGreylistStore;
import org.postwarden.greylist.redis.RedisGreylistStore;
import org.postwarden.spf.SpfStatus;
import org.postwarden.spf.SpfVerifier;
import org.postwarden.server.config.PropertiesFiles;
import org.postwarden.webadmin.greylist.GreylistRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

/** Greylisting, configured by conf/greylist.properties: the store, the rules, the SMTP gate and the webadmin routes. */
public class GreylistModule extends AbstractModule {
    private static final Duration REOPEN_INTERVAL = Duration.ofSeconds(10);

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(GreylistRoutes.class);
        bind(GreylistPurger.class).asEagerSingleton();
    }

    @Provides
    @Singleton
    @GreylistProperties
    Map<String, String> properties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return PropertiesFiles.read(propertiesProvider, "greylist");
    }

    @Provides
    @Singleton
    GreylistConfiguration configuration(@GreylistProperties Map<String, String> properties) {
        return GreylistConfiguration.from(properties);
    }

    @Provides
    @Singleton
    GreylistSettings settings(@GreylistProperties Map<String, String> properties) {
        return GreylistSettings.from(properties);
    }

    @Provides
    @Singleton
    GreylistStore store(@GreylistProperties Map<String, String> properties, Provider<DataSource> dataSource,
                        Provider<EmbeddedGreylistFile> embedded, Clock clock) {
        String store = properties.getOrDefault("store", "embedded").trim();
        return switch (store) {
            case "embedded" -> new LazyGreylistStore(() -> embedded.get().open(), clock, REOPEN_INTERVAL);
            case "jdbc" -> new LazyGreylistStore(() -> new JdbcGreylistStore(dataSource.get()), clock, REOPEN_INTERVAL);
            case "redis" -> {
                String uri = properties.getOrDefault("redis.uri", "redis://127.0.0.1:6379/0");
                yield new LazyGreylistStore(() -> RedisGreylistStore.connect(uri), clock, REOPEN_INTERVAL);
            }
            case "memory" -> new InMemoryGreylistStore();
            default -> throw new IllegalArgumentException("greylist.properties: store must be embedded, jdbc, redis or memory, got '" + store + "'");
        };
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
    CachedWhitelist whitelist(GreylistStore store, Clock clock, @GreylistProperties Map<String, String> properties) {
        return new CachedWhitelist(store, clock, Durations.parse(properties.getOrDefault("whitelist.refresh", "30s")));
    }

    @Provides
    @Singleton
    GreylistGate gate(Greylist greylist, CachedWhitelist whitelist, DnsResolver resolver, GreylistSettings settings, Clock clock) {
        SpfVerifier spf = new SpfVerifier(resolver);
        return new GreylistGate(greylist, whitelist, new ForwardConfirmedDns(resolver),
            (ip, sender, helo) -> spf.check(ip, sender, helo).status() == SpfStatus.PASS, settings, clock);
    }
}
