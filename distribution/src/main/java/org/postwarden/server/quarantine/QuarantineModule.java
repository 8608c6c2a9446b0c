package org.postwarden.server.quarantine;

import java.util.Map;

import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.webadmin.Routes;
import org.postwarden.server.config.PropertiesFiles;
import org.postwarden.glue.quarantine.Quarantine;
import org.postwarden.webadmin.quarantine.QuarantineRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

/** The quarantine of ForwardSpamCheck, configured by conf/quarantine.properties: webadmin routes and retention purge. */
public class QuarantineModule extends AbstractModule {
    public static final String DEFAULT_REPOSITORY = "file://var/mail/quarantine/";

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(QuarantineRoutes.class);
        bind(QuarantinePurger.class).asEagerSingleton();
    }

    @Provides
    @Singleton
    @QuarantineProperties
    Map<String, String> properties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return PropertiesFiles.read(propertiesProvider, "quarantine");
    }

    @Provides
    @Singleton
    Quarantine quarantine(MailRepositoryStore repositories, MailQueueFactory<?> queues, @QuarantineProperties Map<String, String> properties) {
        return new Quarantine(repositories, queues, MailRepositoryUrl.from(properties.getOrDefault("repository", DEFAULT_REPOSITORY).trim()));
    }
}
