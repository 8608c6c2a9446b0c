package org.postwarden.server.reputation;

import java.util.Map;
import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.postwarden.common.Durations;
import org.postwarden.reputation.SenderReputation;
import org.postwarden.server.config.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes counts that left the window every {@code purge.interval} (default 1h): a SQL store keeps rows forever. */
@Singleton
class ReputationPurger {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReputationPurger.class);

    private final PeriodicJob job;

    @Inject
    ReputationPurger(SenderReputation reputation, @ReputationProperties Map<String, String> properties) {
        job = PeriodicJob.start("reputation-purge", Durations.parse(properties.getOrDefault("purge.interval", "1h")),
            () -> LOGGER.debug("reputation purge removed {} old counts", reputation.purge()));
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}
