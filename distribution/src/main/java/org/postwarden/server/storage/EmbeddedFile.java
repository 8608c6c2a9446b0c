package org.postwarden.server.storage;

import java.nio.file.Path;

import javax.annotation.PreDestroy;
import javax.inject.Provider;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file of a {@code store=embedded} setting: opened on first use, after which what the database's tables held is
 * imported once, and closed, with what is pending written, when James stops. A failure while importing closes the
 * file again and is reported as the store's own failure, so the lazy store around it retries and fails open.
 *
 * @param <S> the embedded store
 */
public abstract class EmbeddedFile<S extends AutoCloseable> {
    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedFile.class);

    private final Path path;
    private final int cacheMegabytes;
    private final Provider<DataSource> dataSource;
    private final String what;
    private S opened;

    protected EmbeddedFile(Path path, int cacheMegabytes, Provider<DataSource> dataSource, String what) {
        this.path = path;
        this.cacheMegabytes = cacheMegabytes;
        this.dataSource = dataSource;
        this.what = what;
    }

    /** Opens the file at {@code path} with {@code cacheMegabytes} of page cache. */
    protected abstract S open(Path path, int cacheMegabytes);

    /** Copies the database's rows into {@code store} unless done before; the number copied. */
    protected abstract long importOnce(S store, DataSource dataSource);

    /** The store's own failure for {@code e}, or {@code e} if it is one already. */
    protected abstract RuntimeException failure(RuntimeException e);

    protected synchronized S openStore() {
        S store = open(path, cacheMegabytes);
        try {
            long imported = importOnce(store, dataSource.get());
            if (imported > 0) {
                LOGGER.info("Imported {} {} from the database into {}", imported, what, path);
            }
        } catch (RuntimeException e) {
            closeFile(store);
            throw failure(e);
        }
        opened = store;
        return store;
    }

    @PreDestroy
    public synchronized void close() {
        if (opened != null) {
            closeFile(opened);
            opened = null;
        }
    }

    // The stores' close() throws nothing checked; AutoCloseable's signature says it may.
    private static void closeFile(AutoCloseable store) {
        try {
            store.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
