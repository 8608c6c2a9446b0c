package org.postwarden.bench.throttle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.postwarden.throttle.Acquisition;
import org.postwarden.throttle.WindowSpec;
import org.postwarden.throttle.WindowUsage;

/**
 * Limiter decisions per second and their latency, per store: {@link org.postwarden.throttle.ThrottleStore#acquire}
 * of the three windows the SMTP hook consumes for one message (account, sender domain, client address; see
 * {@link SenderCorpus}), the atomic check-and-consume of every message at MAIL. Run it with
 * {@code bench/throttle.sh}.
 *
 * <ul>
 *   <li>{@code acquire}: a message from a random one of {@code users} accounts; every counter it touches exists
 *       (the preload sent one message from each account), so the store reads three counters and writes them
 *       back.</li>
 *   <li>{@code acquireLatency}: the same in sample-time mode, for the percentiles.</li>
 * </ul>
 * The limits never deny (a denial fails the run), so every call takes the full path: with a denial the stores
 * write nothing. Each trial starts from a fresh store.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Threads(4)
public class ThrottleBenchmark {
    private static final int SAMPLES_CHECKED = 1_000;

    @Param({BenchThrottleStore.MEMORY, BenchThrottleStore.JDBC, BenchThrottleStore.EMBEDDED, BenchThrottleStore.REDIS})
    public String store;

    @Param("100000")
    public int users;

    private SenderCorpus corpus;
    private BenchThrottleStore benchStore;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        corpus = new SenderCorpus(users);
        Path workDirectory = Path.of(System.getProperty("postwarden.bench.dir",
            Path.of(System.getProperty("java.io.tmpdir"), "postwarden-bench").toString()));
        Files.createDirectories(workDirectory);
        benchStore = BenchThrottleStore.preloaded(store, corpus, workDirectory);
        checkPreloaded();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        benchStore.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Acquisition acquire() {
        List<WindowSpec> message = corpus.message(ThreadLocalRandom.current().nextInt(users));
        Acquisition acquisition = benchStore.store().acquire(message, Instant.now());
        if (!acquisition.allowed()) {
            throw new IllegalStateException("Denied " + message + ": " + acquisition
                + "; the benchmark's limits must never deny");
        }
        return acquisition;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Acquisition acquireLatency() {
        return acquire();
    }

    /**
     * Fails the trial rather than measure a store whose preload went wrong: sampled accounts must have exactly
     * the preload's message in their counter, and their domain and address counters must hold something.
     */
    private void checkPreloaded() {
        for (int i = 0; i < SAMPLES_CHECKED; i++) {
            int user = ThreadLocalRandom.current().nextInt(users);
            List<WindowUsage> usages = benchStore.store().peek(corpus.message(user), Instant.now());
            if (usages.get(0).used() != 1 || usages.get(1).used() < 1 || usages.get(2).used() < 1) {
                throw new IllegalStateException("The " + store + " store lacks the preload of "
                    + SenderCorpus.user(user) + ": " + usages);
            }
        }
    }
}
