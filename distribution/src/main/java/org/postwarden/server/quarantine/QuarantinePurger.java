package org.postwarden.server.quarantine;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;
import javax.mail.MessagingException;

import org.postwarden.common.Durations;
import org.postwarden.server.config.PeriodicJob;
import org.postwarden.glue.quarantine.Quarantine;

/** Deletes quarantined mail older than {@code retention} (default 30d) every {@code purge.interval} (default 1h). */
@Singleton
class QuarantinePurger {
    private final PeriodicJob job;

    @Inject
    QuarantinePurger(Quarantine quarantine, Clock clock, @QuarantineProperties Map<String, String> properties) {
        Duration retention = Durations.parse(properties.getOrDefault("retention", "30d").trim());
        job = PeriodicJob.start("quarantine-purge", Durations.parse(properties.getOrDefault("purge.interval", "1h").trim()), () -> {
            try {
                quarantine.purge(clock.instant(), retention);
            } catch (MessagingException e) {
                throw new IllegalStateException("quarantine purge: " + e.getMessage(), e);
            }
        });
    }

    @PreDestroy
    void stop() {
        job.close();
    }
}
