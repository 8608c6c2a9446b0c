package org.postwarden.server.greylist;

import java.time.Clock;
import java.util.Map;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.postwarden.common.Durations;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.server.config.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired triplets and networks every {@code purge.interval} (default 1h): a SQL store does not expire rows by itself. */
@Singleton
class GreylistPurger {
    private static final Logger LOGGER = LoggerFactory.getLogger(GreylistPurger.class);

    private final PeriodicJob job;

    @Inject
    GreylistPurger(GreylistStore store, Clock clock, @GreylistProperties Map<String, String> properties) {
        job = PeriodicJob.start("greylist-purge", Durations.parse(properties.getOrDefault("purge.interval", "1h")),
            () -> LOGGER.debug("greylist purge removed {} expired records", store.purgeExpired(clock.instant())));
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}
