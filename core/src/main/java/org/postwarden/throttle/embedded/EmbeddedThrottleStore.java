package org.postwarden.throttle.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.postwarden.common.embedded.EmbeddedFile;
import org.postwarden.throttle.Acquisition;
import org.postwarden.throttle.Gcra;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.WindowSpec;
import org.postwarden.throttle.WindowUsage;

/**
 * The single-node default for rate counters: {@link Gcra} state in one H2 MVStore file on this node's disk
 * ({@link EmbeddedFile}), one entry per bucket and window length. Only this JVM writes the file, so one lock makes
 * every multi-window acquisition atomic, as in {@link org.postwarden.throttle.InMemoryThrottleStore}; it is held
 * for a few map reads and writes, never for a disk write.
 *
 * <p>Durability: counters are written behind, within {@link #WRITE_DELAY} (200 ms); a crash of the process forgets
 * at most the counting of that last moment, a power cut about twice that. Suspensions are not counters: they stay in the database ({@code
 * JdbcSuspensionStore}), committed before the SMTP reply. A {@link #reset} is forced to the disk at once.
 */
public final class EmbeddedThrottleStore implements ThrottleStore, AutoCloseable {
    /** Counts a crash may forget; short, since a limit is only as good as its counts (see above). */
    public static final Duration WRITE_DELAY = Duration.ofMillis(200);
    private static final char SEPARATOR = '\0';
    private static final int DEBT = 0;
    private static final int UPDATED_AT = 1;
    private static final int DRAINED_AT = 2;

    private final EmbeddedFile file;
    private final MVMap<String, long[]> windows;

    EmbeddedThrottleStore(EmbeddedFile file) {
        this.file = file;
        this.windows = file.map("throttle.windows");
    }

    /**
     * Opens (or creates) the store's file.
     *
     * @throws ThrottleStoreException when the file cannot be opened, e.g. while another process holds it
     */
    public static EmbeddedThrottleStore open(Path path, int cacheMegabytes) {
        try {
            return new EmbeddedThrottleStore(EmbeddedFile.open(path, cacheMegabytes, WRITE_DELAY));
        } catch (RuntimeException e) {
            throw new ThrottleStoreException("cannot open the embedded throttle store " + path + ": "
                + e.getMessage(), e);
        }
    }

    @Override
    public Acquisition acquire(List<WindowSpec> requested, Instant now) {
        List<WindowSpec> ordered = Gcra.ordered(requested);
        long millis = now.toEpochMilli();
        return guarded("count against rate limits", () -> {
            synchronized (this) {
                Gcra.Evaluation evaluation = Gcra.evaluate(ordered, ordered.stream().map(this::state).toList(), millis);
                if (evaluation.acquisition().allowed()) {
                    for (int i = 0; i < ordered.size(); i++) {
                        WindowSpec window = ordered.get(i);
                        Gcra.State next = evaluation.next().get(i);
                        windows.put(key(window), new long[] {next.debt(), next.updatedAt(),
                            Gcra.drainedAt(window, next.updatedAt())});
                    }
                }
                return evaluation.acquisition();
            }
        });
    }

    @Override
    public List<WindowUsage> peek(List<WindowSpec> requested, Instant now) {
        return guarded("read rate limit usage",
            () -> requested.stream().map(window -> Gcra.usage(window, state(window), now.toEpochMilli())).toList());
    }

    @Override
    public void reset(String bucket) {
        guarded("reset a rate limit bucket", () -> {
            synchronized (this) {
                String prefix = bucket + SEPARATOR;
                List<String> keys = new ArrayList<>();
                Iterator<String> iterator = windows.keyIterator(prefix);
                while (iterator.hasNext()) {
                    String key = iterator.next();
                    if (!key.startsWith(prefix)) {
                        break;
                    }
                    keys.add(key);
                }
                keys.forEach(windows::remove);
            }
            file.commitDurably();
            return null;
        });
    }

    @Override
    public long purgeIdle(Instant now) {
        return guarded("purge idle rate limit windows", () -> {
            long millis = now.toEpochMilli();
            List<String> idle = new ArrayList<>();
            windows.entrySet().forEach(entry -> {
                if (entry.getValue()[DRAINED_AT] <= millis) {
                    idle.add(entry.getKey());
                }
            });
            long purged = 0;
            for (String key : idle) {
                synchronized (this) {
                    long[] row = windows.get(key);
                    if (row != null && row[DRAINED_AT] <= millis) {
                        windows.remove(key);
                        purged++;
                    }
                }
            }
            return purged;
        });
    }

    /** Writes what is pending and closes the file. */
    @Override
    public void close() {
        file.close();
    }

    /** Writes a window as another store held it; not forced to the disk. */
    void restore(String bucket, long windowMillis, Gcra.State state, long drainedAt) {
        windows.put(bucket + SEPARATOR + windowMillis, new long[] {state.debt(), state.updatedAt(), drainedAt});
    }

    EmbeddedFile file() {
        return file;
    }

    private Gcra.State state(WindowSpec window) {
        long[] row = windows.get(key(window));
        return row == null ? Gcra.State.EMPTY : new Gcra.State(row[DEBT], row[UPDATED_AT]);
    }

    private static String key(WindowSpec window) {
        return window.bucket() + SEPARATOR + window.limit().windowMillis();
    }

    private <T> T guarded(String action, Supplier<T> work) {
        try {
            file.checkOpen();
            return work.get();
        } catch (ThrottleStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ThrottleStoreException("Embedded throttle store failed to " + action + ": " + e.getMessage(), e);
        }
    }
}
