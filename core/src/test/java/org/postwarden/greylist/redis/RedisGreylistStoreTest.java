package org.postwarden.greylist.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.greylist.Greylist;
import org.postwarden.greylist.GreylistConfiguration;
import org.postwarden.greylist.GreylistDecision;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.GreylistStoreContract;
import org.postwarden.greylist.GreylistStoreException;
import org.postwarden.greylist.Versioned;
import org.postwarden.greylist.WhitelistEntry;
import org.postwarden.testing.MutableClock;

class RedisGreylistStoreTest implements GreylistStoreContract {
    private static RedisServer server;
    private static RedisClient adminClient;
    private static StatefulRedisConnection<String, String> admin;
    private static RedisGreylistStore store;

    @BeforeAll
    static void startRedis() throws Exception {
        assumeTrue(RedisServer.isInstalled(), "redis-server is not installed");
        server = RedisServer.start();
        adminClient = RedisClient.create(server.uri());
        admin = adminClient.connect();
        store = RedisGreylistStore.connect(server.uri());
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
    public GreylistStore store() {
        return store;
    }

    @Test
    void twoNodesShouldShareState() {
        MutableClock clock = new MutableClock(NOW);
        try (RedisGreylistStore otherNode = RedisGreylistStore.connect(server.uri())) {
            Greylist first = new Greylist(store, GreylistConfiguration.DEFAULT, clock);
            Greylist second = new Greylist(otherNode, GreylistConfiguration.DEFAULT, clock);
            WhitelistEntry entry = WhitelistEntry.create(WhitelistEntry.Kind.RECIPIENT, "abuse@example.net", "", NOW);

            assertThat(first.check(TRIPLET).reason()).isEqualTo(GreylistDecision.Reason.NEW_TRIPLET);
            assertThat(second.check(TRIPLET).reason()).isEqualTo(GreylistDecision.Reason.TOO_EARLY);
            clock.advance(Duration.ofMinutes(5));
            assertThat(second.check(TRIPLET).reason()).isEqualTo(GreylistDecision.Reason.PASSED_RETRY);
            assertThat(first.check(TRIPLET).reason()).isEqualTo(GreylistDecision.Reason.KNOWN_TRIPLET);

            store.addWhitelistEntry(entry);
            assertThat(otherNode.whitelistEntries()).containsExactly(entry);
        }
    }

    @Test
    void keysShouldExpireInRedisWithTheirRecord() {
        Instant before = Instant.now();
        store.compareAndSet(TRIPLET, Optional.empty(), PENDING);
        store.recordNetworkPass(TRIPLET.network(), NOW, NOW.plus(HOUR));

        // PTTL rather than PEXPIRETIME, which needs Redis 7.
        assertThat(admin.sync().pttl("postwarden:greylist:triplet:192.0.2.0/24|alice@example.com|bob@example.net"))
            .isBetween(1L, Duration.between(before, PENDING.expiresAt()).toMillis());
        assertThat(admin.sync().pttl("postwarden:greylist:network:192.0.2.0/24"))
            .isBetween(1L, Duration.between(before, NOW.plus(HOUR)).toMillis());
    }

    @Test
    void scriptsShouldBeSentAgainWhenRedisForgotThem() {
        store.compareAndSet(TRIPLET, Optional.empty(), PENDING);
        admin.sync().scriptFlush();

        assertThat(store.compareAndSet(TRIPLET, Optional.of(1L), PASSED)).isTrue();
        assertThat(store.triplet(TRIPLET)).contains(new Versioned<>(PASSED, 2));
    }

    @Test
    void storeShouldUseAConnectionItDoesNotOwn() {
        try (StatefulRedisConnection<String, String> connection = adminClient.connect()) {
            RedisGreylistStore borrowing = new RedisGreylistStore(connection);
            borrowing.compareAndSet(TRIPLET, Optional.empty(), PENDING);
            borrowing.close();

            assertThat(connection.isOpen()).isTrue();
            assertThat(store.triplet(TRIPLET)).isPresent();
        }
    }

    @Test
    void operationsShouldThrowStoreExceptionOnceRedisIsDown() throws Exception {
        RedisServer doomed = RedisServer.start();
        try (RedisGreylistStore orphan = RedisGreylistStore.connect(doomed.uri())) {
            doomed.close();

            assertThatThrownBy(() -> orphan.triplet(TRIPLET)).isInstanceOf(GreylistStoreException.class);
            assertThatThrownBy(orphan::ping).isInstanceOf(GreylistStoreException.class);
        }
    }

    @Test
    void corruptRecordsShouldSurfaceAsStoreException() {
        store.compareAndSet(TRIPLET, Optional.empty(), PENDING);
        admin.sync().hset("postwarden:greylist:triplet:192.0.2.0/24|alice@example.com|bob@example.net",
            "state", "BOGUS");

        assertThatThrownBy(() -> store.triplet(TRIPLET)).isInstanceOf(GreylistStoreException.class);
    }

    @Test
    void connectShouldThrowStoreExceptionWhenRedisIsUnreachable() throws Exception {
        RedisServer doomed = RedisServer.start();
        String uri = doomed.uri();
        doomed.close();

        assertThatThrownBy(() -> RedisGreylistStore.connect(uri)).isInstanceOf(GreylistStoreException.class);
    }
}
