package org.postwarden.server.throttle;

import java.nio.file.Path;

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
import org.postwarden.server.storage.EmbeddedFile;

/**
 * The file of {@code store=embedded} ({@code embedded.file}, default var/store/throttle.mv.db; {@code embedded.cache}
 * megabytes of page cache, default 16); the first open imports the database's counters.
 */
@Singleton
class EmbeddedThrottleFile extends EmbeddedFile<EmbeddedThrottleStore> {

    @Inject
    EmbeddedThrottleFile(JamesDirectoriesProvider directories, ThrottleConfig config,
                         Provider<DataSource> dataSource) {
        super(Path.of(directories.getRootDirectory()).resolve(config.embeddedFile()), config.embeddedCacheMegabytes(),
            dataSource, "throttle counters");
    }

    ThrottleStore open() {
        return openStore();
    }

    @Override
    protected EmbeddedThrottleStore open(Path path, int cacheMegabytes) {
        return EmbeddedThrottleStore.open(path, cacheMegabytes);
    }

    @Override
    protected long importOnce(EmbeddedThrottleStore store, DataSource dataSource) {
        return JdbcThrottleImport.once(store, dataSource);
    }

    @Override
    protected RuntimeException failure(RuntimeException e) {
        return e instanceof ThrottleStoreException ? e : new ThrottleStoreException(e.getMessage(), e);
    }
}
