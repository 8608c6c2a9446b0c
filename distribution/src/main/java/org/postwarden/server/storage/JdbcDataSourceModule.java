package org.postwarden.server.storage;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.commons.dbcp2.BasicDataSource;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * A plain JDBC pool on the database of james-database.properties, for Postwarden's own tables (greylist, ...):
 * with PostgreSQL, several James nodes share them.
 */
public class JdbcDataSourceModule extends AbstractModule {

    @Provides
    @Singleton
    DataSource dataSource(PooledDataSource pooled) {
        return pooled.dataSource;
    }

    @Singleton
    static class PooledDataSource {
        private final BasicDataSource dataSource = new BasicDataSource();

        @Inject
        PooledDataSource(JpaDatabaseConfiguration configuration) {
            dataSource.setDriverClassName(configuration.driverClassName());
            dataSource.setUrl(configuration.url());
            if (!configuration.username().isEmpty()) {
                dataSource.setUsername(configuration.username());
                dataSource.setPassword(configuration.password());
            }
            dataSource.setMaxTotal(configuration.maxTotal());
        }

        @PreDestroy
        void close() throws Exception {
            dataSource.close();
        }
    }
}
