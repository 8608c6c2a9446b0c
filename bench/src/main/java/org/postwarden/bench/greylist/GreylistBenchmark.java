package org.postwarden.bench.greylist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.postwarden.greylist.Greylist;
import org.postwarden.greylist.GreylistConfiguration;
import org.postwarden.greylist.GreylistDecision;
import org.postwarden.greylist.GreylistTriplet;
import org.postwarden.greylist.TripletRecord;
import org.postwarden.greylist.Versioned;

/**
 * Greylist decisions per second and their latency, per store, with {@code triplets} passed triplets stored.
 * Run it with {@code bench/greylist.sh}.
 *
 * <ul>
 *   <li>{@code knownTriplet}: a random stored triplet passes again, the common case; the store reads the record
 *       and writes it back with one more pass.</li>
 *   <li>{@code newTriplet}: a triplet never seen is deferred; the store reads nothing and inserts a record.
 *       The triplets it adds are deleted after each iteration, so every iteration starts from the corpus.</li>
 * </ul>
 * The {@code *Latency} twins run the same operation in sample-time mode for the percentiles.
 *
 * <p>Auto-whitelisting is off, so that both operations stay on the triplet path for the whole run: with it on, a
 * network that passed 5 times skips its triplet, and the in-memory store would get there within a second while
 * the others would not, comparing different work. With it on, each pass also reads and updates the network's
 * pass counter (in Derby, a transaction of its own).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Threads(4)
public class GreylistBenchmark {
    /** The production defaults, auto-whitelisting aside. */
    static final GreylistConfiguration CONFIGURATION = new GreylistConfiguration(24, 64, Duration.ofMinutes(5),
        Duration.ofDays(2), Duration.ofDays(35), 0);
    private static final int SAMPLES_CHECKED = 1_000;
    private static final int CLEANUP_THREADS = 8;

    @Param({BenchStore.MEMORY, BenchStore.JDBC, BenchStore.EMBEDDED, BenchStore.REDIS})
    public String store;

    @Param("1000000")
    public int triplets;

    private TripletCorpus corpus;
    private BenchStore benchStore;
    private Greylist greylist;
    private final AtomicLong freshTriplets = new AtomicLong();
    private long freshDeleted;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        corpus = new TripletCorpus(triplets);
        Path workDirectory = Path.of(System.getProperty("postwarden.bench.dir",
            Path.of(System.getProperty("java.io.tmpdir"), "postwarden-bench").toString()));
        Files.createDirectories(workDirectory);
        benchStore = BenchStore.preloaded(store, corpus, workDirectory);
        greylist = new Greylist(benchStore.store(), CONFIGURATION, Clock.systemUTC());
        checkPreloaded();
    }

    @TearDown(Level.Iteration)
    public void forgetFreshTriplets() throws InterruptedException {
        long added = freshTriplets.get();
        Preload.inParallel(freshDeleted, added, CLEANUP_THREADS,
            index -> benchStore.store().deleteTriplet(TripletCorpus.fresh(index)));
        freshDeleted = added;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        benchStore.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public GreylistDecision knownTriplet() {
        return greylist.check(corpus.stored(ThreadLocalRandom.current().nextInt(triplets)));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public GreylistDecision knownTripletLatency() {
        return knownTriplet();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public GreylistDecision newTriplet() {
        return greylist.check(TripletCorpus.fresh(freshTriplets.getAndIncrement()));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public GreylistDecision newTripletLatency() {
        return newTriplet();
    }

    /** Fails the trial rather than measure a store whose preload went wrong. */
    private void checkPreloaded() throws InterruptedException {
        for (int i = 0; i < SAMPLES_CHECKED; i++) {
            GreylistTriplet triplet = corpus.stored(ThreadLocalRandom.current().nextInt(triplets));
            boolean passed = benchStore.store().triplet(triplet).map(Versioned::value).map(TripletRecord::state)
                .filter(TripletRecord.State.PASSED::equals).isPresent();
            if (!passed) {
                throw new IllegalStateException("The " + store + " store lacks the preloaded " + triplet);
            }
        }
        GreylistDecision known = knownTriplet();
        GreylistDecision fresh = greylist.check(TripletCorpus.fresh(-1));
        benchStore.store().deleteTriplet(TripletCorpus.fresh(-1));
        if (known.reason() != GreylistDecision.Reason.KNOWN_TRIPLET
            || fresh.reason() != GreylistDecision.Reason.NEW_TRIPLET) {
            throw new IllegalStateException("Unexpected decisions " + known + " and " + fresh);
        }
    }
}
