package org.postwarden.throttle.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.greylist.redis.RedisServer;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleStoreContract;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.WindowSpec;

class RedisThrottleStoreTest implements ThrottleStoreContract {
    private static final WindowSpec MINUTE = ThrottleStoreContract.window(BUCKET, FIVE_PER_MINUTE, 1);
    private static final WindowSpec DAY = ThrottleStoreContract.window(BUCKET, THREE_PER_DAY, 1);

    private static RedisServer server;
    private static RedisClient adminClient;
    private static StatefulRedisConnection<String, String> admin;
    private static RedisThrottleStore store;

    @BeforeAll
    static void startRedis() throws Exception {
        assumeTrue(RedisServer.isInstalled(), "redis-server is not installed");
        server = RedisServer.start();
        adminClient = RedisClient.create(server.uri());
        admin = adminClient.connect();
        store = RedisThrottleStore.connect(server.uri());
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (server != null) {
            store.close();
            admin.close();
            adminClient.shutdown();
            server.close();
        }
    }

    @BeforeEach
    void flush() {
        admin.sync().flushall();
    }

    @Override
    public ThrottleStore store() {
        return store;
    }

    @Test
    void bucketsShouldBePrefixedHashesThatExpireOnceDrained() {
        store.acquire(List.of(MINUTE), NOW);
        store.acquire(List.of(MINUTE, DAY), NOW);

        String key = "postwarden:throttle:" + BUCKET;
        assertThat(admin.sync().hgetall(key))
            .containsEntry("60000:debt", "120000")
            .containsEntry("86400000:debt", "86400000")
            .containsEntry("60000:at", String.valueOf(NOW.toEpochMilli()));
        assertThat(admin.sync().pttl(key)).isBetween(Duration.ofHours(23).toMillis(), Duration.ofDays(1).toMillis());
    }

    @Test
    void aShorterWindowShouldNotShortenTheLifeOfTheBucket() {
        store.acquire(List.of(DAY), NOW);
        store.acquire(List.of(MINUTE), NOW);

        assertThat(admin.sync().pttl("postwarden:throttle:" + BUCKET)).isGreaterThan(Duration.ofHours(23).toMillis());
    }

    @Test
    void theScriptShouldBeSentAgainWhenRedisForgotIt() {
        store.acquire(List.of(MINUTE), NOW);
        admin.sync().scriptFlush();

        assertThat(store.acquire(List.of(MINUTE), NOW).allowed()).isTrue();
        assertThat(store.peek(List.of(MINUTE), NOW).get(0).used()).isEqualTo(2);
    }

    @Test
    void twoNodesShouldShareCounters() {
        try (RedisThrottleStore otherNode = RedisThrottleStore.connect(server.uri())) {
            for (int i = 0; i < 3; i++) {
                (i % 2 == 0 ? store : otherNode).acquire(List.of(DAY), NOW);
            }

            assertThat(otherNode.acquire(List.of(DAY), NOW).allowed()).isFalse();
        }
    }

    @Test
    void aBorrowedConnectionShouldStayOpen() {
        try (StatefulRedisConnection<String, String> connection = adminClient.connect()) {
            RedisThrottleStore borrowing = new RedisThrottleStore(connection);
            borrowing.acquire(List.of(MINUTE), NOW);
            borrowing.close();

            assertThat(connection.isOpen()).isTrue();
            assertThat(store.peek(List.of(MINUTE), NOW).get(0).used()).isEqualTo(1);
        }
    }

    @Test
    void operationsShouldThrowStoreExceptionOnceRedisIsDown() throws Exception {
        RedisServer doomed = RedisServer.start();
        try (RedisThrottleStore orphan = RedisThrottleStore.connect(doomed.uri())) {
            doomed.close();

            assertThatThrownBy(() -> orphan.acquire(List.of(MINUTE), NOW)).isInstanceOf(ThrottleStoreException.class);
            assertThatThrownBy(() -> orphan.peek(List.of(MINUTE), NOW)).isInstanceOf(ThrottleStoreException.class);
        }
    }

    @Test
    void connectShouldThrowStoreExceptionWhenRedisIsUnreachable() throws Exception {
        RedisServer doomed = RedisServer.start();
        String uri = doomed.uri();
        doomed.close();

        assertThatThrownBy(() -> RedisThrottleStore.connect(uri)).isInstanceOf(ThrottleStoreException.class);
    }
}
