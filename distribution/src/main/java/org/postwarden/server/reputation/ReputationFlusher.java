package org.postwarden.server.reputation;

import java.time.Duration;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.postwarden.reputation.BatchingReputationStore;
import org.postwarden.reputation.ReputationStoreException;
import org.postwarden.server.config.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the sent-mail counts kept in memory every 5 seconds, and once more when the server stops. */
@Singleton
class ReputationFlusher {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReputationFlusher.class);
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final BatchingReputationStore store;
    private final PeriodicJob job;

    @Inject
    ReputationFlusher(BatchingReputationStore store) {
        this.store = store;
        this.job = PeriodicJob.start("reputation-flush", INTERVAL, store::flush);
    }

    @PreDestroy
    void stop() {
        job.close();
        try {
            store.flush();
        } catch (ReputationStoreException e) {
            LOGGER.warn("the last sent-mail counts could not be written: {}", e.getMessage());
        }
    }
}
