package org.postwarden.server.forward;

import java.time.Clock;
import java.time.Duration;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.postwarden.forward.ForwardLog;
import org.postwarden.server.config.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes the forwards whose deduplication window ended, hourly: a SQL table does not expire rows by itself. */
@Singleton
class ForwardLogPurger {
    private static final Logger LOGGER = LoggerFactory.getLogger(ForwardLogPurger.class);

    private final PeriodicJob job;

    @Inject
    ForwardLogPurger(ForwardLog log, Clock clock) {
        job = PeriodicJob.start("forward-log-purge", Duration.ofHours(1),
            () -> LOGGER.debug("forward log purge removed {} expired forwards", log.purgeExpired(clock.instant())));
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}
