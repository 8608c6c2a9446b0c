package org.postwarden.server.throttle;

import java.time.Clock;
import java.util.Map;
import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.postwarden.common.Durations;
import org.postwarden.server.config.PeriodicJob;
import org.postwarden.throttle.ThrottleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes idle counters every {@code purge.interval} (default 1h): a SQL store does not expire rows by itself. */
@Singleton
class ThrottlePurger {
    private static final Logger LOGGER = LoggerFactory.getLogger(ThrottlePurger.class);

    private final PeriodicJob job;

    @Inject
    ThrottlePurger(ThrottleStore store, Clock clock, @ThrottleProperties Map<String, String> properties) {
        job = PeriodicJob.start("throttle-purge", Durations.parse(properties.getOrDefault("purge.interval", "1h")),
            () -> LOGGER.debug("throttle purge removed {} idle counters", store.purgeIdle(clock.instant())));
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}
