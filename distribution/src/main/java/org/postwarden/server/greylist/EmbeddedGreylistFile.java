package org.postwarden.server.greylist;

import java.nio.file.Path;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.postwarden.greylist.GreylistConfig;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.GreylistStoreException;
import org.postwarden.greylist.embedded.EmbeddedGreylistStore;
import org.postwarden.greylist.embedded.JdbcGreylistImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file of {@code store=embedded} ({@code embedded.file}, default var/store/greylist.mv.db; {@code embedded.cache}
 * megabytes of page cache, default 32): opened on first use, after which what the database's greylist tables held is
 * imported once, and closed, with what is pending written, when James stops.
 */
@Singleton
class EmbeddedGreylistFile {
    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedGreylistFile.class);

    private final Path path;
    private final int cacheMegabytes;
    private final Provider<DataSource> dataSource;
    private EmbeddedGreylistStore opened;

    @Inject
    EmbeddedGreylistFile(JamesDirectoriesProvider directories, GreylistConfig config,
                         Provider<DataSource> dataSource) {
        this.path = Path.of(directories.getRootDirectory())
            .resolve(config.embeddedFile());
        this.cacheMegabytes = config.embeddedCacheMegabytes();
        this.dataSource = dataSource;
    }

    synchronized GreylistStore open() {
        EmbeddedGreylistStore store = EmbeddedGreylistStore.open(path, cacheMegabytes);
        try {
            long imported = JdbcGreylistImport.once(store, dataSource.get());
            if (imported > 0) {
                LOGGER.info("Imported {} greylist records from the database into {}", imported, path);
            }
        } catch (RuntimeException e) {
            store.close();
            throw e instanceof GreylistStoreException ? e : new GreylistStoreException(e.getMessage(), e);
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
