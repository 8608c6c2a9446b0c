package org.postwarden.bench.throttle;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.dbcp2.BasicDataSource;
import org.postwarden.greylist.redis.RedisServer;
import org.postwarden.throttle.Gcra;
import org.postwarden.throttle.InMemoryThrottleStore;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.WindowSpec;
import org.postwarden.throttle.embedded.EmbeddedThrottleStore;
import org.postwarden.throttle.jdbc.JdbcThrottleStore;
import org.postwarden.throttle.redis.RedisThrottleStore;

/**
 * A throttle store under benchmark, in which every sender of the corpus has sent one message, and what to release
 * after the trial.
 *
 * <ul>
 *   <li>memory: {@link InMemoryThrottleStore}.</li>
 *   <li>jdbc: {@link JdbcThrottleStore} on a fresh embedded Derby 10.14 database with Derby's defaults (a log sync
 *   per commit), behind a commons-dbcp2 pool of 20 as the distribution's {@code JdbcDataSourceModule} sets it
 *   up.</li>
 *   <li>embedded: {@link EmbeddedThrottleStore} on a fresh file, with the distribution's page cache.</li>
 *   <li>redis: {@link RedisThrottleStore#connect} to a throw-away {@code redis-server} on loopback: one Lettuce
 *   connection that the benchmark threads share, as in production.</li>
 * </ul>
 * Every trial starts with one message from each user of the corpus, so that the benchmark updates existing
 * counters (the steady state of a busy server) rather than creating them: through {@link ThrottleStore#acquire}
 * from {@link #PRELOAD_THREADS} threads for memory and Redis, as batch inserts of the same state for Derby (see
 * {@link #batchInserted}). How long it took is printed on a line tagged {@code [preload]}.
 */
final class BenchThrottleStore implements AutoCloseable {
    static final String MEMORY = "memory";
    static final String JDBC = "jdbc";
    static final String REDIS = "redis";
    static final String EMBEDDED = "embedded";
    /** The distribution's default page cache of the embedded store (throttle.properties embedded.cache). */
    static final int EMBEDDED_CACHE_MB = 16;
    static final int POOL_MAX_TOTAL = 20;
    private static final int PRELOAD_THREADS = 4;
    private static final int INSERT_BATCH = 5_000;
    private static final String DERBY_DRIVER = "org.apache.derby.jdbc.EmbeddedDriver";

    @FunctionalInterface
    private interface Closer {
        void close() throws Exception;
    }

    @FunctionalInterface
    private interface Preloader {
        /** Sends one message from every user of the corpus; returns how, for the preload line. */
        String preload(SenderCorpus corpus) throws Exception;
    }

    private final ThrottleStore store;
    private final Preloader preloader;
    private final Callable<String> census;
    private final Closer closer;

    /** @param census what the backend holds after the preload, for the preload line */
    private BenchThrottleStore(ThrottleStore store, Preloader preloader, Callable<String> census, Closer closer) {
        this.store = store;
        this.preloader = preloader == null ? this::throughStoreApi : preloader;
        this.census = census;
        this.closer = closer;
    }

    ThrottleStore store() {
        return store;
    }

    /** Opens a store of that kind in which every sender of the corpus has sent one message. */
    static BenchThrottleStore preloaded(String kind, SenderCorpus corpus, Path workDirectory) throws Exception {
        BenchThrottleStore opened = switch (kind) {
            case MEMORY -> new BenchThrottleStore(new InMemoryThrottleStore(), null, () -> "", () -> { });
            case JDBC -> jdbc(workDirectory);
            case REDIS -> redis();
            case EMBEDDED -> embedded(workDirectory);
            default -> throw new IllegalArgumentException("Unknown store '" + kind
                + "': memory, jdbc, embedded or redis");
        };
        try {
            long start = System.nanoTime();
            String how = opened.preloader.preload(corpus);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("[preload] %s: one message from each of %,d users (%,d counters) %s in %.1f s "
                    + "(%,.0f users/s)%s%n", kind, corpus.users(), corpus.counters(), how, seconds,
                corpus.users() / seconds, opened.census.call());
            return opened;
        } catch (Exception | Error e) {
            opened.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }

    private String throughStoreApi(SenderCorpus corpus) throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(PRELOAD_THREADS);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < PRELOAD_THREADS; t++) {
                int first = t;
                parts.add(executor.submit(() -> {
                    for (int user = first; user < corpus.users(); user += PRELOAD_THREADS) {
                        if (!store.acquire(corpus.message(user), Instant.now()).allowed()) {
                            throw new IllegalStateException("The preload was denied for " + SenderCorpus.user(user));
                        }
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("A preload worker failed", e.getCause());
        } finally {
            executor.shutdownNow();
        }
        return "through acquire from " + PRELOAD_THREADS + " threads";
    }

    /**
     * The rows {@link JdbcThrottleStore} would hold after the same acquisitions at one instant, computed with
     * {@link Gcra} as the store does and inserted in batches in one transaction: through the store, each
     * acquisition is a transaction with a log sync, about 700 users/s here. The benchmark reads samples back
     * through the store, so a drift of the table's layout fails the setup instead of benchmarking inserts.
     */
    private static String batchInserted(BasicDataSource dataSource, SenderCorpus corpus) throws SQLException {
        long now = Instant.now().toEpochMilli();
        Map<String, WindowSpec> windows = new LinkedHashMap<>();
        Map<String, Gcra.State> states = new HashMap<>();
        for (int user = 0; user < corpus.users(); user++) {
            List<WindowSpec> ordered = Gcra.ordered(corpus.message(user));
            Gcra.Evaluation evaluation = Gcra.evaluate(ordered,
                ordered.stream().map(window -> states.getOrDefault(id(window), Gcra.State.EMPTY)).toList(), now);
            if (!evaluation.acquisition().allowed()) {
                throw new IllegalStateException("The preload was denied for " + SenderCorpus.user(user));
            }
            for (int i = 0; i < ordered.size(); i++) {
                windows.put(id(ordered.get(i)), ordered.get(i));
                states.put(id(ordered.get(i)), evaluation.next().get(i));
            }
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO postwarden_throttle_windows"
                 + " (bucket, window_ms, debt, updated_at, drained_at) VALUES (?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            int batched = 0;
            for (Map.Entry<String, WindowSpec> entry : windows.entrySet()) {
                WindowSpec window = entry.getValue();
                Gcra.State state = states.get(entry.getKey());
                insert.setString(1, window.bucket());
                insert.setLong(2, window.limit().windowMillis());
                insert.setLong(3, state.debt());
                insert.setLong(4, state.updatedAt());
                insert.setLong(5, Gcra.drainedAt(window, state.updatedAt()));
                insert.addBatch();
                if (++batched % INSERT_BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
            connection.setAutoCommit(true);
        }
        return "computed with Gcra, batch-inserted in one transaction";
    }

    private static String id(WindowSpec window) {
        return window.bucket() + "\0" + window.limit().windowMillis();
    }

    private static BenchThrottleStore jdbc(Path workDirectory) throws IOException {
        Path trial = Files.createTempDirectory(workDirectory, "throttle-jdbc-");
        System.setProperty("derby.stream.error.file", trial.resolve("derby.log").toString());
        Path database = trial.resolve("bench");
        BasicDataSource dataSource = new BasicDataSource();
        dataSource.setDriverClassName(DERBY_DRIVER);
        dataSource.setUrl("jdbc:derby:" + database + ";create=true");
        dataSource.setMaxTotal(POOL_MAX_TOTAL);
        JdbcThrottleStore store = new JdbcThrottleStore(dataSource);
        return new BenchThrottleStore(store, corpus -> batchInserted(dataSource, corpus),
            () -> String.format(", %,d rows in Derby", rows(dataSource)), () -> {
            try {
                dataSource.close();
                shutdown(database);
            } finally {
                delete(trial);
            }
        });
    }

    private static BenchThrottleStore embedded(Path workDirectory) throws IOException {
        Path trial = Files.createTempDirectory(workDirectory, "throttle-embedded-");
        Path file = trial.resolve("throttle.mv.db");
        EmbeddedThrottleStore store = EmbeddedThrottleStore.open(file, EMBEDDED_CACHE_MB);
        return new BenchThrottleStore(store, null, () -> String.format(", %s MB cache", EMBEDDED_CACHE_MB), () -> {
            try {
                store.close();
            } finally {
                delete(trial);
            }
        });
    }

    private static BenchThrottleStore redis() throws IOException, InterruptedException {
        if (!RedisServer.isInstalled()) {
            throw new IllegalStateException("redis-server is not installed: run with -p store=memory,jdbc");
        }
        RedisServer server = RedisServer.start();
        try {
            RedisThrottleStore store = RedisThrottleStore.connect(server.uri());
            return new BenchThrottleStore(store, null, () -> String.format(", %,d keys in Redis", keys(server.uri())),
                () -> {
                try {
                    store.close();
                } finally {
                    server.close();
                }
            });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static long rows(BasicDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM postwarden_throttle_windows")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static long keys(String uri) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().dbsize();
        } finally {
            client.shutdown();
        }
    }

    /** Shuts the database down; Derby reports success as SQLState 08006. */
    private static void shutdown(Path database) {
        try (Connection ignored = DriverManager.getConnection("jdbc:derby:" + database + ";shutdown=true")) {
            throw new IllegalStateException("Derby did not shut " + database + " down");
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                throw new IllegalStateException("Derby failed to shut " + database + " down", e);
            }
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
