package org.postwarden.server.throttle;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.inject.Singleton;
import javax.sql.DataSource;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.webadmin.Routes;
import org.postwarden.server.config.PropertiesFiles;
import org.postwarden.smtp.throttle.AccountAges;
import org.postwarden.throttle.FallbackThrottleStore;
import org.postwarden.throttle.InMemoryOverrideStore;
import org.postwarden.throttle.InMemorySuspensionStore;
import org.postwarden.throttle.InMemoryThrottleStore;
import org.postwarden.throttle.LazyThrottleStore;
import org.postwarden.throttle.OverrideStore;
import org.postwarden.throttle.SuspensionStore;
import org.postwarden.throttle.ThrottlePolicy;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.Throttler;
import org.postwarden.throttle.jdbc.JdbcOverrideStore;
import org.postwarden.throttle.jdbc.JdbcSuspensionStore;
import org.postwarden.throttle.jdbc.JdbcThrottleStore;
import org.postwarden.throttle.redis.RedisThrottleStore;
import org.postwarden.webadmin.throttle.AccountCreationDates;
import org.postwarden.webadmin.throttle.ThrottleRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

/**
 * Sender throttling, configured by conf/throttle.properties: the policy, the stores, the {@link Throttler} the SMTP
 * hook asks, the webadmin routes, gauges and the purge of idle counters.
 *
 * <p>Counters live in the database ({@code store=jdbc}, the default), a file of this node ({@code store=embedded},
 * written behind), Redis ({@code store=redis}) or memory; overrides,
 * suspensions, the audit log and first-seen dates always live in the database except with {@code store=memory}.
 * A failing shared counter store is replaced by node-local counters until it is back ({@link FallbackThrottleStore}).
 */
public class ThrottleModule extends AbstractModule {
    private static final Duration REOPEN_INTERVAL = Duration.ofSeconds(10);

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(ThrottleRoutes.class);
        bind(ThrottlePurger.class).asEagerSingleton();
    }

    @Provides
    @Singleton
    @ThrottleProperties
    Map<String, String> properties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return PropertiesFiles.read(propertiesProvider, "throttle");
    }

    @Provides
    @Singleton
    ThrottlePolicy policy(@ThrottleProperties Map<String, String> properties) {
        try {
            return ThrottlePolicy.from(properties);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("throttle.properties: " + e.getMessage(), e);
        }
    }

    @Provides
    @Singleton
    ThrottleStore store(@ThrottleProperties Map<String, String> properties, Provider<DataSource> dataSource,
                        Provider<EmbeddedThrottleFile> embedded, Clock clock) {
        return switch (storeKind(properties)) {
            case "embedded" -> fallback(new LazyThrottleStore(() -> embedded.get().open(), clock, REOPEN_INTERVAL),
                clock);
            case "jdbc" -> fallback(new LazyThrottleStore(() -> new JdbcThrottleStore(dataSource.get()), clock,
                REOPEN_INTERVAL), clock);
            case "redis" -> {
                String uri = properties.getOrDefault("redis.uri", "redis://127.0.0.1:6379/0").trim();
                yield fallback(new LazyThrottleStore(() -> RedisThrottleStore.connect(uri), clock, REOPEN_INTERVAL),
                    clock);
            }
            default -> new InMemoryThrottleStore();
        };
    }

    @Provides
    @Singleton
    OverrideStore overrides(@ThrottleProperties Map<String, String> properties, Provider<DataSource> dataSource) {
        return storeKind(properties).equals("memory") ? new InMemoryOverrideStore()
            : new JdbcOverrideStore(dataSource.get());
    }

    @Provides
    @Singleton
    SuspensionStore suspensions(@ThrottleProperties Map<String, String> properties, Provider<DataSource> dataSource) {
        return storeKind(properties).equals("memory") ? new InMemorySuspensionStore()
            : new JdbcSuspensionStore(dataSource.get());
    }

    @Provides
    @Singleton
    AccountFirstSeen firstSeen(@ThrottleProperties Map<String, String> properties, Provider<DataSource> dataSource) {
        return storeKind(properties).equals("memory") ? AccountFirstSeen.inMemory()
            : AccountFirstSeen.jdbc(dataSource.get());
    }

    @Provides
    @Singleton
    AccountAges ages(AccountFirstSeen firstSeen) {
        return firstSeen;
    }

    @Provides
    @Singleton
    AccountCreationDates creationDates(AccountFirstSeen firstSeen) {
        return firstSeen;
    }

    @Provides
    @Singleton
    Throttler throttler(ThrottlePolicy policy, ThrottleStore store, OverrideStore overrides,
                        SuspensionStore suspensions, Clock clock, GaugeRegistry gauges) {
        if (store instanceof FallbackThrottleStore fallback) {
            gauges.register("postwarden.throttle.degraded", () -> fallback.degraded() ? 1 : 0)
                .register("postwarden.throttle.fallbacks", fallback::fallbacks);
        }
        gauges.register("postwarden.throttle.suspendedAccounts", () -> {
            try {
                return suspensions.suspensions().size();
            } catch (ThrottleStoreException e) {
                return -1;
            }
        });
        return new Throttler(policy, store, overrides, suspensions, clock);
    }

    private static FallbackThrottleStore fallback(ThrottleStore shared, Clock clock) {
        return new FallbackThrottleStore(shared, new InMemoryThrottleStore(), clock, REOPEN_INTERVAL);
    }

    private static String storeKind(Map<String, String> properties) {
        String store = properties.getOrDefault("store", "jdbc").trim();
        if (!store.equals("embedded") && !store.equals("jdbc") && !store.equals("redis") && !store.equals("memory")) {
            throw new IllegalArgumentException("throttle.properties: store must be embedded, jdbc, redis or memory, got '"
                + store + "'");
        }
        return store;
    }
}
