package org.postwarden.server.throttle;

import java.nio.file.Path;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.postwarden.throttle.ThrottleConfig;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.embedded.EmbeddedThrottleStore;
import org.postwarden.throttle.embedded.JdbcThrottleImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counter file of {@code store=embedded} ({@code embedded.file}, default var/store/throttle.mv.db;
 * {@code embedded.cache} megabytes of page cache, default 16): opened on first use, after which the database's
 * counters are imported once, and closed, with what is pending written, when James stops.
 */
@Singleton
class EmbeddedThrottleFile {
    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedThrottleFile.class);

    private final Path path;
    private final int cacheMegabytes;
    private final Provider<DataSource> dataSource;
    private EmbeddedThrottleStore opened;

    @Inject
    EmbeddedThrottleFile(JamesDirectoriesProvider directories, ThrottleConfig config,
                         Provider<DataSource> dataSource) {
        this.path = Path.of(directories.getRootDirectory())
            .resolve(config.embeddedFile());
        this.cacheMegabytes = config.embeddedCacheMegabytes();
        this.dataSource = dataSource;
    }

    synchronized ThrottleStore open() {
        EmbeddedThrottleStore store = EmbeddedThrottleStore.open(path, cacheMegabytes);
        try {
            long imported = JdbcThrottleImport.once(store, dataSource.get());
            if (imported > 0) {
                LOGGER.info("Imported {} throttle counters from the database into {}", imported, path);
            }
        } catch (RuntimeException e) {
            store.close();
            throw e instanceof ThrottleStoreException ? e : new ThrottleStoreException(e.getMessage(), e);
        }
        opened = store;
        return store;
    }

    @PreDestroy
    synchronized void close() {
        if (opened != null) {
            opened.close();
            opened = null;
        }
    }
}
