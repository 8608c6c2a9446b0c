package org.postwarden.server.quarantine;

import java.time.Clock;

import javax.inject.Singleton;
import javax.mail.MessagingException;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.webadmin.Routes;
import org.postwarden.quarantine.QuarantineConfig;
import org.postwarden.server.config.ConfigBindings;
import org.postwarden.server.config.ScheduledJobs;
import org.postwarden.glue.quarantine.Quarantine;
import org.postwarden.webadmin.quarantine.QuarantineRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/** The quarantine of ForwardSpamCheck, configured by conf/quarantine.properties: webadmin routes and retention purge. */
public class QuarantineModule extends AbstractModule {
    @Override
    protected void configure() {
        ConfigBindings.file(binder(), QuarantineConfig.class);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(QuarantineRoutes.class);
    }

    @Provides
    @Singleton
    Quarantine quarantine(MailRepositoryStore repositories, MailQueueFactory<?> queues, QuarantineConfig config) {
        return new Quarantine(repositories, queues, MailRepositoryUrl.from(config.repository()));
    }

    /** Deletes quarantined mail older than {@code retention}. */
    @ProvidesIntoSet
    InitializationOperation purge(ScheduledJobs jobs, Quarantine quarantine, Clock clock, QuarantineConfig config) {
        return jobs.every("quarantine-purge", config.purgeInterval(), () -> {
            try {
                quarantine.purge(clock.instant(), config.retention());
            } catch (MessagingException e) {
                throw new IllegalStateException("quarantine purge: " + e.getMessage(), e);
            }
        });
    }
}
