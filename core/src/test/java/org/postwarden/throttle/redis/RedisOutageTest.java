package org.postwarden.throttle.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postwarden.greylist.redis.RedisServer;
import org.postwarden.testing.MutableClock;
import org.postwarden.throttle.FallbackThrottleStore;
import org.postwarden.throttle.InMemoryThrottleStore;
import org.postwarden.throttle.RateLimit;
import org.postwarden.throttle.WindowSpec;

/** A real Redis stopped and started again on its port under a {@link FallbackThrottleStore}. */
class RedisOutageTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final WindowSpec WINDOW = new WindowSpec("user:alice@example.com#messages",
        RateLimit.parse("3/1m"), 1);
    private static final String KEY = "postwarden:throttle:" + WINDOW.bucket();
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

    @Test
    void limitsShouldHoldLocallyWhileRedisIsDownAndMoveBackOnceItReturns() throws Exception {
        assumeTrue(RedisServer.isInstalled(), "redis-server is not installed");
        MutableClock clock = new MutableClock(NOW);
        RedisServer first = RedisServer.start();
        int port = RedisURI.create(first.uri()).getPort();
        try (RedisThrottleStore redis = RedisThrottleStore.connect(first.uri() + "?timeout=1s")) {
            FallbackThrottleStore store = new FallbackThrottleStore(redis, new InMemoryThrottleStore(), clock,
                RETRY_INTERVAL);
            assertThat(store.acquire(List.of(WINDOW), NOW).allowed()).isTrue();
            first.close();

            assertThat(store.acquire(List.of(WINDOW), NOW).allowed()).isTrue();
            assertThat(store.degraded()).isTrue();
            assertThat(store.acquire(List.of(WINDOW), NOW).allowed()).isTrue();
            assertThat(store.acquire(List.of(WINDOW), NOW).allowed()).isTrue();
            assertThat(store.acquire(List.of(WINDOW), NOW).allowed()).isFalse();

            Process second = startRedis(port);
            try {
                awaitPrimary(store, clock);
                assertThat(store.degraded()).isFalse();
                RedisClient client = RedisClient.create(first.uri());
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    assertThat(connection.sync().exists(KEY)).isEqualTo(1);
                } finally {
                    client.shutdown();
                }
            } finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    /** Lettuce reconnects in the background; each probe is one retry interval later. */
    private static void awaitPrimary(FallbackThrottleStore store, MutableClock clock) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        do {
            clock.advance(RETRY_INTERVAL);
            store.peek(List.of(WINDOW), NOW);
            if (!store.degraded()) {
                store.acquire(List.of(WINDOW), NOW);
                return;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
    }

    private static Process startRedis(int port) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/redis-server", "--port", String.valueOf(port),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return process;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not listen again on port " + port);
    }
}
