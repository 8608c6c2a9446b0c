package org.postwarden.server.throttle;

import java.time.Clock;
import java.time.Duration;

import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.webadmin.Routes;
import org.postwarden.server.config.ConfigBindings;
import org.postwarden.server.config.ScheduledJobs;
import org.postwarden.smtp.throttle.PostmasterNotifier;
import org.postwarden.throttle.AccountAges;
import org.postwarden.throttle.FallbackThrottleStore;
import org.postwarden.throttle.InMemoryOverrideStore;
import org.postwarden.throttle.InMemorySuspensionStore;
import org.postwarden.throttle.InMemoryThrottleStore;
import org.postwarden.throttle.LazyThrottleStore;
import org.postwarden.throttle.OverrideStore;
import org.postwarden.throttle.SuspensionStore;
import org.postwarden.throttle.ThrottleConfig;
import org.postwarden.throttle.ThrottlePolicy;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleGate;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.Throttler;
import org.postwarden.throttle.jdbc.JdbcOverrideStore;
import org.postwarden.throttle.jdbc.JdbcSuspensionStore;
import org.postwarden.throttle.jdbc.JdbcThrottleStore;
import org.postwarden.throttle.redis.RedisThrottleStore;
import org.postwarden.webadmin.throttle.AccountCreationDates;
import org.postwarden.webadmin.throttle.ThrottleRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

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
    private static final Logger LOGGER = LoggerFactory.getLogger(ThrottleModule.class);
    private static final Duration REOPEN_INTERVAL = Duration.ofSeconds(10);

    @Override
    protected void configure() {
        ConfigBindings.file(binder(), ThrottleConfig.class);
        ConfigBindings.part(binder(), ThrottleConfig.class, ThrottlePolicy.class, ThrottleConfig::policy);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(ThrottleRoutes.class);
    }

    @Provides
    @Singleton
    ThrottleStore store(ThrottleConfig config, Provider<DataSource> dataSource,
                        Provider<EmbeddedThrottleFile> embedded, Clock clock) {
        return switch (config.store()) {
            case EMBEDDED -> fallback(new LazyThrottleStore(() -> embedded.get().open(), clock, REOPEN_INTERVAL),
                clock);
            case JDBC -> fallback(new LazyThrottleStore(() -> new JdbcThrottleStore(dataSource.get()), clock,
                REOPEN_INTERVAL), clock);
            case REDIS -> fallback(new LazyThrottleStore(() -> RedisThrottleStore.connect(config.redisUri()), clock,
                REOPEN_INTERVAL), clock);
            case MEMORY -> new InMemoryThrottleStore();
        };
    }

    @Provides
    @Singleton
    OverrideStore overrides(ThrottleConfig config, Provider<DataSource> dataSource) {
        return config.inMemory() ? new InMemoryOverrideStore() : new JdbcOverrideStore(dataSource.get());
    }

    @Provides
    @Singleton
    SuspensionStore suspensions(ThrottleConfig config, Provider<DataSource> dataSource) {
        return config.inMemory() ? new InMemorySuspensionStore() : new JdbcSuspensionStore(dataSource.get());
    }

    @Provides
    @Singleton
    AccountFirstSeen firstSeen(ThrottleConfig config, Provider<DataSource> dataSource) {
        return config.inMemory() ? AccountFirstSeen.inMemory() : AccountFirstSeen.jdbc(dataSource.get());
    }

    /** A SQL store does not expire rows by itself. */
    @ProvidesIntoSet
    InitializationOperation purge(ScheduledJobs jobs, ThrottleStore store, Clock clock, ThrottleConfig config) {
        return jobs.every("throttle-purge", config.purgeInterval(),
            () -> LOGGER.debug("throttle purge removed {} idle counters", store.purgeIdle(clock.instant())));
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

    @Provides
    @Singleton
    ThrottleGate gate(Throttler throttler, AccountAges ages, PostmasterNotifier postmaster, Clock clock) {
        return new ThrottleGate(throttler, ages, postmaster, clock);
    }

    private static FallbackThrottleStore fallback(ThrottleStore shared, Clock clock) {
        return new FallbackThrottleStore(shared, new InMemoryThrottleStore(), clock, REOPEN_INTERVAL);
    }
}
