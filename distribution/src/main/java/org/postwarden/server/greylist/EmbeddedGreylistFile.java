package org.postwarden.server.greylist;

import java.nio.file.Path;

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
import org.postwarden.server.storage.EmbeddedFile;

/**
 * The file of {@code store=embedded} ({@code embedded.file}, default var/store/greylist.mv.db; {@code embedded.cache}
 * megabytes of page cache, default 32); the first open imports what the database's greylist tables held.
 */
@Singleton
class EmbeddedGreylistFile extends EmbeddedFile<EmbeddedGreylistStore> {

    @Inject
    EmbeddedGreylistFile(JamesDirectoriesProvider directories, GreylistConfig config,
                         Provider<DataSource> dataSource) {
        super(Path.of(directories.getRootDirectory()).resolve(config.embeddedFile()), config.embeddedCacheMegabytes(),
            dataSource, "greylist records");
    }

    GreylistStore open() {
        return openStore();
    }

    @Override
    protected EmbeddedGreylistStore open(Path path, int cacheMegabytes) {
        return EmbeddedGreylistStore.open(path, cacheMegabytes);
    }

    @Override
    protected long importOnce(EmbeddedGreylistStore store, DataSource dataSource) {
        return JdbcGreylistImport.once(store, dataSource);
    }

    @Override
    protected RuntimeException failure(RuntimeException e) {
        return e instanceof GreylistStoreException ? e : new GreylistStoreException(e.getMessage(), e);
    }
}
