package org.postwarden.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link SuspensionStore} shares. */
public interface SuspensionStoreContract {
    Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    ThrottleKey ALICE = ThrottleKey.user("alice@example.com");
    ThrottleKey BOB = ThrottleKey.user("bob@example.com");
    Map<String, Long> COUNTERS = Map.of("user:alice@example.com#attempts-messages 300/1h", 300L);

    SuspensionStore suspensions();

    @Test
    default void aSuspensionShouldBeLoggedAndInForce() {
        Optional<SuspensionEvent> event = suspensions().suspend(ALICE, "exceeded 300/1h", COUNTERS, NOW);

        SuspensionEvent expected = new SuspensionEvent("alice@example.com", SuspensionEvent.Action.SUSPENDED,
            "exceeded 300/1h", COUNTERS, NOW);
        assertThat(event).contains(expected);
        assertThat(suspensions().suspension(ThrottleKey.user("Alice+x@Example.com"))).contains(expected);
        assertThat(suspensions().history(ALICE)).containsExactly(expected);
        assertThat(suspensions().suspension(BOB)).isEmpty();
    }

    @Test
    default void aSuspendedAccountShouldNotBeSuspendedTwice() {
        suspensions().suspend(ALICE, "first", COUNTERS, NOW);

        assertThat(suspensions().suspend(ALICE, "second", Map.of(), NOW.plusSeconds(1))).isEmpty();
        assertThat(suspensions().suspension(ALICE).orElseThrow().reason()).isEqualTo("first");
        assertThat(suspensions().history(ALICE)).hasSize(1);
    }

    @Test
    default void unsuspendingShouldLiftTheSuspensionAndBeLogged() {
        suspensions().suspend(ALICE, "exceeded 300/1h", COUNTERS, NOW);

        Optional<SuspensionEvent> lifted = suspensions().unsuspend(ALICE, "password changed", NOW.plusSeconds(60));

        assertThat(lifted).contains(new SuspensionEvent("alice@example.com", SuspensionEvent.Action.UNSUSPENDED,
            "password changed", Map.of(), NOW.plusSeconds(60)));
        assertThat(suspensions().suspension(ALICE)).isEmpty();
        assertThat(suspensions().history(ALICE)).extracting(SuspensionEvent::action)
            .containsExactly(SuspensionEvent.Action.SUSPENDED, SuspensionEvent.Action.UNSUSPENDED);
        assertThat(suspensions().suspend(ALICE, "again", COUNTERS, NOW.plusSeconds(120))).isPresent();
    }

    @Test
    default void unsuspendingAnAccountInGoodStandingShouldDoNothing() {
        assertThat(suspensions().unsuspend(ALICE, "just in case", NOW)).isEmpty();
        assertThat(suspensions().history(ALICE)).isEmpty();
    }

    @Test
    default void suspensionsInForceShouldBeListedOldestFirst() {
        suspensions().suspend(BOB, "second", Map.of(), NOW.plusSeconds(1));
        suspensions().suspend(ALICE, "first", Map.of(), NOW);
        suspensions().suspend(ThrottleKey.user("carol@example.com"), "lifted", Map.of(), NOW);
        suspensions().unsuspend(ThrottleKey.user("carol@example.com"), "", NOW);

        assertThat(suspensions().suspensions()).extracting(SuspensionEvent::user)
            .containsExactly("alice@example.com", "bob@example.com");
    }

    @Test
    default void countersShouldKeepTheirOrder() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("z", 1L);
        counters.put("a", 2L);
        suspensions().suspend(ALICE, "", counters, NOW);

        assertThat(suspensions().suspension(ALICE).orElseThrow().counters().keySet()).containsExactly("z", "a");
    }

    @Test
    default void concurrentSuspensionsShouldCreateOneEvent() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<SuspensionEvent>>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return suspensions().suspend(ALICE, "race", COUNTERS, NOW);
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Optional<SuspensionEvent>> result : results) {
                created += result.get().isPresent() ? 1 : 0;
            }

            assertThat(created).isEqualTo(1);
            assertThat(suspensions().history(ALICE)).hasSize(1);
        } finally {
            executor.shutdownNow();
        }
    }
}
