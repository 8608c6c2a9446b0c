package org.postwarden.bench.greylist;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.postwarden.greylist.GreylistConfiguration;
import org.postwarden.greylist.GreylistTriplet;
import org.postwarden.greylist.TripletRecord;

/**
 * Writes the corpus to Redis in pipelined batches on a connection of its own, in the exact layout of
 * {@code RedisGreylistStore} (its key and hash fields, version 1, PEXPIREAT at the expiry): the store's
 * compare-and-set is one synchronous round trip per triplet. The benchmark reads samples back through the store,
 * so a drift of that layout fails the setup instead of benchmarking empty reads.
 */
final class RedisPreload {
    private static final String TRIPLET_PREFIX = "postwarden:greylist:triplet:";
    private static final int BATCH = 10_000;

    private RedisPreload() {
    }

    /** Returns how long it took. */
    static Duration pipelined(String uri, TripletCorpus corpus, GreylistConfiguration configuration) {
        Instant now = Instant.now();
        long start = System.nanoTime();
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.setAutoFlushCommands(false);
            RedisAsyncCommands<String, String> commands = connection.async();
            List<RedisFuture<?>> pending = new ArrayList<>(2 * BATCH);
            for (int i = 0; i < corpus.size(); i++) {
                GreylistTriplet triplet = corpus.stored(i);
                TripletRecord record = TripletCorpus.passedRecord(i, now, configuration.expiry());
                String key = TRIPLET_PREFIX + triplet.network() + "|" + triplet.sender() + "|" + triplet.recipient();
                pending.add(commands.hset(key, hash(triplet, record)));
                pending.add(commands.pexpireat(key, record.expiresAt().toEpochMilli()));
                if (pending.size() >= 2 * BATCH || i == corpus.size() - 1) {
                    connection.flushCommands();
                    if (!LettuceFutures.awaitAll(1, TimeUnit.MINUTES, pending.toArray(new RedisFuture<?>[0]))) {
                        throw new IllegalStateException("Redis did not acknowledge a preload batch in time");
                    }
                    pending.clear();
                }
            }
        } finally {
            client.shutdown();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Map<String, String> hash(GreylistTriplet triplet, TripletRecord record) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1");
        fields.put("state", record.state().name());
        fields.put("firstSeen", String.valueOf(record.firstSeen().toEpochMilli()));
        fields.put("lastSeen", String.valueOf(record.lastSeen().toEpochMilli()));
        fields.put("passCount", String.valueOf(record.passCount()));
        fields.put("expiresAt", String.valueOf(record.expiresAt().toEpochMilli()));
        fields.put("network", triplet.network());
        fields.put("sender", triplet.sender());
        fields.put("recipient", triplet.recipient());
        return fields;
    }
}
