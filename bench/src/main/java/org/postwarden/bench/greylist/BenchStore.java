package org.postwarden.bench.greylist;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.apache.commons.dbcp2.BasicDataSource;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.InMemoryGreylistStore;
import org.postwarden.greylist.embedded.EmbeddedGreylistStore;
import org.postwarden.greylist.embedded.JdbcGreylistImport;
import org.postwarden.greylist.jdbc.JdbcGreylistStore;
import org.postwarden.greylist.redis.RedisGreylistStore;
import org.postwarden.greylist.redis.RedisServer;

/** A store under benchmark, preloaded with the corpus, and what to release after the trial. */
final class BenchStore implements AutoCloseable {
    static final String MEMORY = "memory";
    static final String JDBC = "jdbc";
    static final String REDIS = "redis";
    static final String EMBEDDED = "embedded";
    /** The distribution's default page cache of the embedded store (greylist.properties embedded.cache). */
    static final int EMBEDDED_CACHE_MB = 32;
    private static final int MEMORY_PRELOAD_THREADS = 2;

    @FunctionalInterface
    private interface Closer {
        void close() throws Exception;
    }

    private final GreylistStore store;
    private final Closer closer;

    private BenchStore(GreylistStore store, Closer closer) {
        this.store = store;
        this.closer = closer;
    }

    GreylistStore store() {
        return store;
    }

    /** Opens a store of that kind holding the corpus; prints how the preload went on lines tagged [preload]. */
    static BenchStore preloaded(String kind, TripletCorpus corpus, Path workDirectory) throws Exception {
        return switch (kind) {
            case MEMORY -> memory(corpus);
            case JDBC -> jdbc(corpus, workDirectory);
            case REDIS -> redis(corpus);
            case EMBEDDED -> embedded(corpus, workDirectory);
            default -> throw new IllegalArgumentException("Unknown store '" + kind
                + "': memory, jdbc, embedded or redis");
        };
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }

    private static BenchStore memory(TripletCorpus corpus) throws InterruptedException {
        InMemoryGreylistStore store = new InMemoryGreylistStore();
        Duration took = Preload.throughStoreApi(store, corpus, GreylistBenchmark.CONFIGURATION,
            MEMORY_PRELOAD_THREADS);
        report("memory: %d triplets through the store API from %d threads in %s", corpus.size(),
            MEMORY_PRELOAD_THREADS, Preload.seconds(took));
        return new BenchStore(store, () -> { });
    }

    private static BenchStore jdbc(TripletCorpus corpus, Path workDirectory) throws IOException,
        InterruptedException, SQLException {
        Path template = workDirectory.resolve("derby-template-" + corpus.size());
        long started = System.nanoTime();
        Duration built = DerbyDatabases.ensureTemplate(template, corpus.size());
        Path trial = Files.createTempDirectory(workDirectory, "jdbc-trial-");
        System.setProperty("derby.stream.error.file", trial.resolve("derby.log").toString());
        long copying = System.nanoTime();
        DerbyDatabases.copy(DerbyDatabases.database(template), DerbyDatabases.database(trial));
        Duration copied = Duration.ofNanos(System.nanoTime() - copying);
        BasicDataSource dataSource = DerbyDatabases.pool(DerbyDatabases.database(trial));
        JdbcGreylistStore store = new JdbcGreylistStore(dataSource);
        report("jdbc: %d triplets (template preloaded through the store API in %s), copied in %s, %d rows in the "
                + "trial's database, setup %s", corpus.size(), Preload.seconds(built), Preload.seconds(copied),
            count(dataSource), Preload.seconds(Duration.ofNanos(System.nanoTime() - started)));
        return new BenchStore(store, () -> {
            dataSource.close();
            DerbyDatabases.shutdown(DerbyDatabases.database(trial));
            DerbyDatabases.delete(trial);
        });
    }

    /**
     * Once per run, an embedded template file is filled by the migration an upgraded installation runs at its
     * first start, {@link JdbcGreylistImport}, from the Derby template, then closed; each trial copies it and
     * opens the copy as the distribution does.
     */
    private static BenchStore embedded(TripletCorpus corpus, Path workDirectory) throws IOException,
        InterruptedException {
        Path derbyTemplate = workDirectory.resolve("derby-template-" + corpus.size());
        long started = System.nanoTime();
        DerbyDatabases.ensureTemplate(derbyTemplate, corpus.size());
        Path template = workDirectory.resolve("embedded-template-" + corpus.size()).resolve("greylist.mv.db");
        if (!Files.exists(template)) {
            System.setProperty("derby.stream.error.file", workDirectory.resolve("derby-import.log").toString());
            long importing = System.nanoTime();
            Path partial = template.resolveSibling("partial.mv.db");
            Files.deleteIfExists(partial);
            long imported;
            try (BasicDataSource dataSource = DerbyDatabases.pool(DerbyDatabases.database(derbyTemplate));
                 EmbeddedGreylistStore store = EmbeddedGreylistStore.open(partial, EMBEDDED_CACHE_MB)) {
                imported = JdbcGreylistImport.once(store, dataSource);
            } catch (SQLException e) {
                throw new IOException(e);
            } finally {
                DerbyDatabases.shutdown(DerbyDatabases.database(derbyTemplate));
            }
            Files.move(partial, template);
            report("embedded template: %d records imported from the Derby template by JdbcGreylistImport in %s, "
                + "file %,d bytes", imported, Preload.seconds(Duration.ofNanos(System.nanoTime() - importing)),
                Files.size(template));
        }
        Path trial = Files.createTempDirectory(workDirectory, "embedded-trial-");
        Files.copy(template, trial.resolve("greylist.mv.db"));
        EmbeddedGreylistStore store = EmbeddedGreylistStore.open(trial.resolve("greylist.mv.db"), EMBEDDED_CACHE_MB);
        report("embedded: %d triplets, %s cache, setup %s", corpus.size(), EMBEDDED_CACHE_MB + " MB",
            Preload.seconds(Duration.ofNanos(System.nanoTime() - started)));
        return new BenchStore(store, () -> {
            store.close();
            DerbyDatabases.delete(trial);
        });
    }

    private static BenchStore redis(TripletCorpus corpus) throws IOException, InterruptedException {
        if (!RedisServer.isInstalled()) {
            throw new IllegalStateException("redis-server is not installed: run with -p store=memory,jdbc");
        }
        RedisServer server = RedisServer.start();
        try {
            Duration took = RedisPreload.pipelined(server.uri(), corpus, GreylistBenchmark.CONFIGURATION);
            RedisGreylistStore store = RedisGreylistStore.connect(server.uri());
            report("redis: %d triplets pipelined in batches of 10,000 in %s, %d keys in Redis", corpus.size(),
                Preload.seconds(took), keys(server.uri()));
            return new BenchStore(store, () -> {
                store.close();
                server.close();
            });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static long count(BasicDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM postwarden_greylist_triplets")) {
            rows.next();
            return rows.getLong(1);
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

    private static void report(String format, Object... arguments) {
        System.out.println("[preload] " + String.format(format, arguments));
    }
}
