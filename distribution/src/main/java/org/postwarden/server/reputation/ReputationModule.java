package org.postwarden.server.reputation;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.james.metrics.api.Gauge;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.webadmin.Routes;
import org.postwarden.reputation.BatchingReputationStore;
import org.postwarden.reputation.InMemoryReputationStore;
import org.postwarden.reputation.ReputationConfig;
import org.postwarden.reputation.ReputationPolicy;
import org.postwarden.reputation.ReputationStore;
import org.postwarden.reputation.ReputationStoreException;
import org.postwarden.reputation.SenderReputation;
import org.postwarden.reputation.jdbc.JdbcReputationStore;
import org.postwarden.server.config.ConfigBindings;
import org.postwarden.server.config.ScheduledJobs;
import org.postwarden.smtp.throttle.PostmasterNotifier;
import org.postwarden.throttle.SuspensionStore;
import org.postwarden.webadmin.reputation.ReputationRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * The outbound reputation guard, configured by conf/reputation.properties: the {@link SenderReputation} that the
 * CountOutgoing and RecordBounce mailets feed, suspending through the throttle's {@link SuspensionStore}; webadmin
 * routes; gauges; and the purge of counts that left the window.
 */
public class ReputationModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReputationModule.class);
    private static final Duration FLUSH_INTERVAL = Duration.ofSeconds(5);

    @Override
    protected void configure() {
        ConfigBindings.file(binder(), ReputationConfig.class);
        ConfigBindings.part(binder(), ReputationConfig.class, ReputationPolicy.class, ReputationConfig::policy);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(ReputationRoutes.class);
    }

    @Provides
    @Singleton
    ReputationStore store(BatchingReputationStore batching) {
        return batching;
    }

    /** Sent mail is counted in memory and written every 5 seconds by {@link #flush}: no database write per message. */
    @Provides
    @Singleton
    BatchingReputationStore batching(ReputationConfig config, Provider<DataSource> dataSource) {
        return new BatchingReputationStore(switch (config.store()) {
            case JDBC -> new JdbcReputationStore(dataSource.get());
            case MEMORY -> new InMemoryReputationStore();
        });
    }

    /** Writes the counts kept in memory, and once more when the server stops. */
    @ProvidesIntoSet
    InitializationOperation flush(ScheduledJobs jobs, BatchingReputationStore store) {
        return jobs.every("reputation-flush", FLUSH_INTERVAL, store::flush, () -> {
            try {
                store.flush();
            } catch (ReputationStoreException e) {
                LOGGER.warn("the last sent-mail counts could not be written: {}", e.getMessage());
            }
        });
    }

    /** A SQL store keeps rows forever: counts that left the window are deleted. */
    @ProvidesIntoSet
    InitializationOperation purge(ScheduledJobs jobs, SenderReputation reputation, ReputationConfig config) {
        return jobs.every("reputation-purge", config.purgeInterval(),
            () -> LOGGER.debug("reputation purge removed {} old counts", reputation.purge()));
    }

    /** The postmaster notifier is asked for only when an account is suspended: the mailet context starts later. */
    @Provides
    @Singleton
    SenderReputation reputation(ReputationPolicy policy, ReputationStore store, SuspensionStore suspensions,
                                Provider<PostmasterNotifier> postmaster, Clock clock, GaugeRegistry gauges) {
        SenderReputation reputation = new SenderReputation(policy, store, suspensions,
            event -> postmaster.get().suspended(event), clock);
        gauges.register("postwarden.reputation.sent", orMinusOne(() -> reputation.serverWide().sent()))
            .register("postwarden.reputation.bad", orMinusOne(() -> reputation.serverWide().bad()))
            .register("postwarden.reputation.badShare", orMinusOne(() -> reputation.serverWide().badShare()));
        return reputation;
    }

    /** Gauges read the store on every scrape; a failing store reads as -1 rather than failing the scrape. */
    private static Gauge<Number> orMinusOne(Supplier<Number> reading) {
        return () -> {
            try {
                return reading.get();
            } catch (ReputationStoreException e) {
                return -1;
            }
        };
    }
}
