package org.postwarden.bench.greylist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.postwarden.greylist.GreylistConfiguration;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.GreylistTriplet;
import org.postwarden.greylist.TripletRecord;

/** Fills a store with the corpus through the store API ({@code compareAndSet} of a new record), from threads. */
final class Preload {
    private Preload() {
    }

    /** Returns how long it took. */
    static Duration throughStoreApi(GreylistStore store, TripletCorpus corpus, GreylistConfiguration configuration,
                                    int threads) throws InterruptedException {
        Instant now = Instant.now();
        long start = System.nanoTime();
        inParallel(0, corpus.size(), threads, i -> {
            GreylistTriplet triplet = corpus.stored((int) i);
            TripletRecord record = TripletCorpus.passedRecord((int) i, now, configuration.expiry());
            if (!store.compareAndSet(triplet, Optional.empty(), record)) {
                throw new IllegalStateException("Triplet " + triplet + " was already stored");
            }
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Runs {@code work} for every index from {@code from} (inclusive) to {@code to}, striped over threads. */
    static void inParallel(long from, long to, int threads, LongConsumer work) throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long first = from + t;
                parts.add(executor.submit(() -> {
                    for (long i = first; i < to; i += threads) {
                        work.accept(i);
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("A worker failed", e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }

    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
