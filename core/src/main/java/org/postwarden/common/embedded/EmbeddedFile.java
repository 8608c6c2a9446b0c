package org.postwarden.common.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * One H2 MVStore file of a single-node store: sorted maps held in a page cache, written to the file by MVStore's
 * own background writer every write delay (a chunk of every page changed since), and forced to the disk by ours
 * every write delay after. What must never be lost is written and forced at once through {@link #commitDurably()}.
 *
 * <p>So a process crash loses at most the last write delay of changes that were not committed durably, and a power
 * loss at most about two; the file itself stays consistent either way, since MVStore only appends checksummed
 * chunks and opens at the last complete one. One process at a time: MVStore locks the file.
 */
public final class EmbeddedFile implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(EmbeddedFile.class.getName());

    private final Path path;
    private final MVStore store;
    private final ScheduledExecutorService syncer;

    private EmbeddedFile(Path path, MVStore store, Duration writeDelay) {
        this.path = path;
        this.store = store;
        this.syncer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "postwarden-embedded-sync " + path.getFileName());
            thread.setDaemon(true);
            return thread;
        });
        syncer.scheduleWithFixedDelay(this::syncQuietly, writeDelay.toMillis(), writeDelay.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the file, creating it and its directory when absent.
     *
     * @param cacheMegabytes the page cache; pages not in it are read from the file (usually the OS's cache)
     * @param writeDelay how long a change not committed durably may stay in memory only
     * @throws IllegalStateException when the file cannot be opened (locked by another process, unreadable)
     */
    public static EmbeddedFile open(Path path, int cacheMegabytes, Duration writeDelay) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the directory of " + path + ": " + e.getMessage(), e);
        }
        // MVStore hands a failure to open to this handler as well as throwing it: only log the later ones.
        AtomicBoolean opened = new AtomicBoolean();
        MVStore store = new MVStore.Builder()
            .fileName(path.toString())
            .cacheSize(cacheMegabytes)
            .backgroundExceptionHandler((thread, failure) -> {
                if (opened.get()) {
                    LOGGER.log(System.Logger.Level.ERROR, "embedded store " + path + ": background write failed",
                        failure);
                }
            })
            .open();
        opened.set(true);
        store.setAutoCommitDelay((int) writeDelay.toMillis());
        return new EmbeddedFile(path, store, writeDelay);
    }

    public Path path() {
        return path;
    }

    /** The map of that name, created when absent. */
    public <K, V> MVMap<K, V> map(String name) {
        return store.openMap(name);
    }

    /** Whether the store holds a map of that name, even an empty one. */
    public boolean hasMap(String name) {
        return store.hasMap(name);
    }

    /** @throws IllegalStateException once closed: MVStore would still answer some reads from its cache */
    public void checkOpen() {
        if (store.isClosed()) {
            throw new IllegalStateException(path + " is closed");
        }
    }

    /** Writes every change made so far to the file and forces it to the disk; returns once they are durable. */
    public void commitDurably() {
        store.commit();
        store.sync();
    }

    /**
     * Rewrites the file without the space that earlier versions of its pages left behind, for up to
     * {@code maxMillis}: a bulk load in random key order writes most pages many times over.
     */
    public void compact(int maxMillis) {
        // compactFile drops the retention of old chunks to nothing and leaves it there; a crash relies on it.
        int retention = store.getRetentionTime();
        try {
            store.compactFile(maxMillis);
        } finally {
            store.setRetentionTime(retention);
        }
    }

    /** Writes what is pending and closes the file. */
    @Override
    public void close() {
        syncer.shutdownNow();
        if (!store.isClosed()) {
            store.close();
        }
    }

    /** Closes the file without writing what is pending, as a crash of the process would. */
    public void abandon() {
        syncer.shutdownNow();
        if (!store.isClosed()) {
            store.closeImmediately();
        }
    }

    private void syncQuietly() {
        try {
            if (!store.isClosed()) {
                store.sync();
            }
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "embedded store " + path + ": sync failed: " + e.getMessage());
        }
    }
}
