package org.postwarden.server.reputation;

import java.time.Clock;
import java.util.Map;
import javax.inject.Singleton;
import javax.sql.DataSource;
import org.apache.commons.configuration2.ex.ConfigurationException;
import java.util.function.Supplier;
import org.apache.james.metrics.api.Gauge;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.webadmin.Routes;
import org.postwarden.reputation.BatchingReputationStore;
import org.postwarden.reputation.InMemoryReputationStore;
import org.postwarden.reputation.ReputationPolicy;
import org.postwarden.reputation.ReputationStore;
import org.postwarden.reputation.ReputationStoreException;
import org.postwarden.reputation.SenderReputation;
import org.postwarden.reputation.jdbc.JdbcReputationStore;
import org.postwarden.server.config.PropertiesFiles;
import org.postwarden.smtp.throttle.PostmasterNotifier;
import org.postwarden.throttle.SuspensionStore;
import org.postwarden.webadmin.reputation.ReputationRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

/**
 * The outbound reputation guard, configured by conf/reputation.properties: the {@link SenderReputation} that the
 * CountOutgoing and RecordBounce mailets feed, suspending through the throttle's {@link SuspensionStore}; webadmin
 * routes; gauges; and the purge of counts that left the window.
 */
public class ReputationModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(ReputationRoutes.class);
        bind(ReputationPurger.class).asEagerSingleton();
        bind(ReputationFlusher.class).asEagerSingleton();
    }

    @Provides
    @Singleton
    @ReputationProperties
    Map<String, String> properties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return PropertiesFiles.read(propertiesProvider, "reputation");
    }

    @Provides
    @Singleton
    ReputationPolicy policy(@ReputationProperties Map<String, String> properties) {
        try {
            return ReputationPolicy.from(properties);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reputation.properties: " + e.getMessage(), e);
        }
    }

    @Provides
    @Singleton
    ReputationStore store(BatchingReputationStore batching) {
        return batching;
    }

    /** Sent mail is counted in memory and written by {@link ReputationFlusher}: no database write per message. */
    @Provides
    @Singleton
    BatchingReputationStore batching(@ReputationProperties Map<String, String> properties, Provider<DataSource> dataSource) {
        return new BatchingReputationStore(backend(properties, dataSource));
    }

    private static ReputationStore backend(Map<String, String> properties, Provider<DataSource> dataSource) {
        String store = properties.getOrDefault("store", "jdbc").trim();
        return switch (store) {
            case "jdbc" -> new JdbcReputationStore(dataSource.get());
            case "memory" -> new InMemoryReputationStore();
            default -> throw new IllegalArgumentException("reputation.properties: store must be jdbc or memory, got '"
                + store + "'");
        };
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
