package org.postwarden.server.greylist;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.postwarden.common.Durations;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.GreylistStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired triplets and networks every {@code purge.interval} (default 1h): a SQL store does not expire rows by itself. */
@Singleton
class GreylistPurger {
    private static final Logger LOGGER = LoggerFactory.getLogger(GreylistPurger.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "greylist-purge");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    GreylistPurger(GreylistStore store, Clock clock, @GreylistProperties Map<String, String> properties) {
        Duration interval = Durations.parse(properties.getOrDefault("purge.interval", "1h"));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                long purged = store.purgeExpired(clock.instant());
                LOGGER.debug("greylist purge removed {} expired records", purged);
            } catch (GreylistStoreException e) {
                LOGGER.warn("greylist purge failed: {}", e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
