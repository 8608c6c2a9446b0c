package org.postwarden.server.storage;

import javax.inject.Singleton;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.postwarden.server.config.ConfigBindings;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/** One OpenJPA persistence unit ("Global", see META-INF/persistence.xml) shared by every JPA store. */
public class JpaEntityManagerModule extends AbstractModule {

    @Override
    protected void configure() {
        ConfigBindings.file(binder(), JpaDatabaseConfiguration.class);
    }

    @Provides
    @Singleton
    EntityManagerFactory entityManagerFactory(JpaDatabaseConfiguration configuration) {
        return Persistence.createEntityManagerFactory("Global", configuration.persistenceProperties());
    }
}
