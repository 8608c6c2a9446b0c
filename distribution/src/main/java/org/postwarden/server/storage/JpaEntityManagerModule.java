package org.postwarden.server.storage;

import java.io.FileNotFoundException;

import javax.inject.Singleton;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/** One OpenJPA persistence unit ("Global", see META-INF/persistence.xml) shared by every JPA store. */
public class JpaEntityManagerModule extends AbstractModule {

    @Provides
    @Singleton
    JpaDatabaseConfiguration databaseConfiguration(PropertiesProvider propertiesProvider) throws FileNotFoundException, ConfigurationException {
        return JpaDatabaseConfiguration.from(propertiesProvider.getConfiguration("james-database"));
    }

    @Provides
    @Singleton
    EntityManagerFactory entityManagerFactory(JpaDatabaseConfiguration configuration) {
        return Persistence.createEntityManagerFactory("Global", configuration.persistenceProperties());
    }
}
