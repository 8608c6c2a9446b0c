package org.postwarden.server.forward;

import java.time.Duration;
import java.util.Optional;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.postwarden.server.config.PeriodicJob;
import org.postwarden.srs.keys.SrsKeyring;
import org.postwarden.srs.keys.StoredSrsKeyring;

/**
 * Reloads the stored SRS secrets every 30 seconds, so that this node signs with a secret another node rotated in and
 * reverses with the ones it keeps, and purges the secrets whose addresses all expired. Secrets of srs.properties do not
 * change while the server runs.
 */
@Singleton
class SrsKeyringRefresher {
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final Optional<PeriodicJob> job;

    @Inject
    SrsKeyringRefresher(SrsKeyring keyring) {
        job = keyring instanceof StoredSrsKeyring stored
            ? Optional.of(PeriodicJob.start("srs-secret-refresh", INTERVAL, stored::refresh))
            : Optional.empty();
    }

    @PreDestroy
    void stop() {
        job.ifPresent(PeriodicJob::close);
    }
}
