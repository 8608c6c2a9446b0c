package org.postwarden.bench.greylist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.dbcp2.BasicDataSource;
import org.postwarden.greylist.GreylistConfiguration;
import org.postwarden.greylist.jdbc.JdbcGreylistStore;

/**
 * Embedded Derby databases pooled as in production (distribution's {@code JdbcDataSourceModule}), and a
 * preloaded template that each trial copies instead of filling a database again.
 *
 * <p>The template is filled through the store API in a child JVM with {@code derby.system.durability=test}: no
 * log sync per commit, and a larger page cache. The database is then shut down cleanly, which checkpoints it,
 * so the copy the benchmark opens (with Derby's defaults) is complete and consistent.
 */
final class DerbyDatabases {
    static final int POOL_MAX_TOTAL = 20;
    static final int TEMPLATE_THREADS = 4;
    private static final String DRIVER = "org.apache.derby.jdbc.EmbeddedDriver";
    private static final String DATABASE = "bench";
    private static final String MARKER = "preload.properties";
    private static final String BUILD_MILLIS = "buildMillis";
    private static final String TRIPLETS = "triplets";

    private DerbyDatabases() {
    }

    /** The database in {@code directory}, created when absent, behind the production pool settings. */
    static BasicDataSource pool(Path directory) {
        BasicDataSource dataSource = new BasicDataSource();
        dataSource.setDriverClassName(DRIVER);
        dataSource.setUrl(url(directory) + ";create=true");
        dataSource.setMaxTotal(POOL_MAX_TOTAL);
        return dataSource;
    }

    /** Shuts the database down, which checkpoints it; Derby reports success as SQLState 08006. */
    static void shutdown(Path directory) {
        try (Connection ignored = DriverManager.getConnection(url(directory) + ";shutdown=true")) {
            throw new IllegalStateException("Derby did not shut " + directory + " down");
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                throw new IllegalStateException("Derby failed to shut " + directory + " down", e);
            }
        }
    }

    /**
     * Builds the template in {@code templateRoot} unless a complete one of that size is there, and returns how
     * long its preload took (when it was built, maybe by an earlier fork).
     */
    static Duration ensureTemplate(Path templateRoot, int size) throws IOException, InterruptedException {
        Path marker = templateRoot.resolve(MARKER);
        if (!Files.exists(marker)) {
            delete(templateRoot);
            Files.createDirectories(templateRoot);
            String java = ProcessHandle.current().info().command().orElse("java");
            Process child = new ProcessBuilder(List.of(java, "-Xmx3g", "-Dderby.system.durability=test",
                "-Dderby.storage.pageCacheSize=40000",
                "-Dderby.stream.error.file=" + templateRoot.resolve("derby.log"),
                "-cp", System.getProperty("java.class.path"), DerbyDatabases.class.getName(),
                templateRoot.toString(), String.valueOf(size)))
                .inheritIO()
                .start();
            if (child.waitFor() != 0 || !Files.exists(marker)) {
                throw new IllegalStateException("Building the Derby template in " + templateRoot + " failed");
            }
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(marker)) {
            properties.load(in);
        }
        if (Integer.parseInt(properties.getProperty(TRIPLETS)) != size) {
            throw new IllegalStateException(templateRoot + " holds another corpus size; delete it");
        }
        return Duration.ofMillis(Long.parseLong(properties.getProperty(BUILD_MILLIS)));
    }

    static Path database(Path root) {
        return root.resolve(DATABASE);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Files.copy(source, to.resolve(from.relativize(source).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The child JVM: fills {@code args[0]/bench} with {@code args[1]} triplets, then writes the marker. */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        TripletCorpus corpus = new TripletCorpus(size);
        Duration took;
        try (BasicDataSource dataSource = pool(database(root))) {
            JdbcGreylistStore store = new JdbcGreylistStore(dataSource);
            took = Preload.throughStoreApi(store, corpus, GreylistBenchmark.CONFIGURATION, TEMPLATE_THREADS);
        }
        shutdown(database(root));
        Properties properties = new Properties();
        properties.setProperty(TRIPLETS, String.valueOf(size));
        properties.setProperty(BUILD_MILLIS, String.valueOf(took.toMillis()));
        try (var out = Files.newOutputStream(root.resolve(MARKER))) {
            properties.store(out, "Derby template of the greylist benchmark");
        }
        System.out.printf("[preload] jdbc template: %d triplets through the store API from %d threads "
            + "(derby.system.durability=%s) in %s%n", size, TEMPLATE_THREADS,
            System.getProperty("derby.system.durability", "default"), Preload.seconds(took));
    }

    private static String url(Path directory) {
        return "jdbc:derby:" + directory;
    }
}
