package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.MutableClock;

/**
 * Behaviour every {@link GreylistStore} shares. Times start from the wall clock because Redis expires keys by
 * its own clock: a record expiring in the past would vanish at once.
 */
public interface GreylistStoreContract {
    Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Duration HOUR = Duration.ofHours(1);
    GreylistTriplet TRIPLET = new GreylistTriplet("192.0.2.0/24", "alice@example.com", "bob@example.net");
    TripletRecord PENDING = new TripletRecord(TripletRecord.State.PENDING, NOW, NOW, 0, NOW.plus(HOUR));
    TripletRecord PASSED = new TripletRecord(TripletRecord.State.PASSED, NOW, NOW.plusSeconds(600), 1,
        NOW.plus(Duration.ofDays(35)));

    GreylistStore store();

    @Test
    default void tripletShouldBeAbsentInitially() {
        assertThat(store().triplet(TRIPLET)).isEmpty();
    }

    @Test
    default void compareAndSetShouldCreateAnAbsentTripletAtVersionOne() {
        assertThat(store().compareAndSet(TRIPLET, Optional.empty(), PENDING)).isTrue();

        assertThat(store().triplet(TRIPLET)).contains(new Versioned<>(PENDING, 1));
    }

    @Test
    default void compareAndSetShouldNotCreateATripletTwice() {
        store().compareAndSet(TRIPLET, Optional.empty(), PENDING);

        assertThat(store().compareAndSet(TRIPLET, Optional.empty(), PASSED)).isFalse();
        assertThat(store().triplet(TRIPLET)).contains(new Versioned<>(PENDING, 1));
    }

    @Test
    default void compareAndSetShouldReplaceTheExpectedVersion() {
        store().compareAndSet(TRIPLET, Optional.empty(), PENDING);

        assertThat(store().compareAndSet(TRIPLET, Optional.of(1L), PASSED)).isTrue();
        assertThat(store().triplet(TRIPLET)).contains(new Versioned<>(PASSED, 2));
    }

    @Test
    default void compareAndSetShouldRefuseAStaleVersion() {
        store().compareAndSet(TRIPLET, Optional.empty(), PENDING);
        store().compareAndSet(TRIPLET, Optional.of(1L), PASSED);

        assertThat(store().compareAndSet(TRIPLET, Optional.of(1L), PENDING)).isFalse();
        assertThat(store().triplet(TRIPLET)).contains(new Versioned<>(PASSED, 2));
    }

    @Test
    default void compareAndSetShouldRefuseAVersionOfAnAbsentTriplet() {
        assertThat(store().compareAndSet(TRIPLET, Optional.of(1L), PENDING)).isFalse();
        assertThat(store().triplet(TRIPLET)).isEmpty();
    }

    @Test
    default void tripletsDifferingByOneFieldShouldBeIndependent() {
        GreylistTriplet otherRecipient = new GreylistTriplet(TRIPLET.network(), TRIPLET.sender(), "carol@example.net");
        GreylistTriplet nullSender = new GreylistTriplet(TRIPLET.network(), "", TRIPLET.recipient());
        store().compareAndSet(TRIPLET, Optional.empty(), PASSED);
        store().compareAndSet(nullSender, Optional.empty(), PENDING);

        assertThat(store().triplet(otherRecipient)).isEmpty();
        assertThat(store().triplet(nullSender)).contains(new Versioned<>(PENDING, 1));
    }

    @Test
    default void deleteTripletShouldForgetIt() {
        store().compareAndSet(TRIPLET, Optional.empty(), PENDING);

        assertThat(store().deleteTriplet(TRIPLET)).isTrue();
        assertThat(store().deleteTriplet(TRIPLET)).isFalse();
        assertThat(store().triplet(TRIPLET)).isEmpty();
    }

    @Test
    default void tripletsShouldListMatchesOfEverySubstringFilter() {
        GreylistTriplet other = new GreylistTriplet("198.51.100.0/24", "carol@example.org", "bob@example.net");
        store().compareAndSet(TRIPLET, Optional.empty(), PENDING);
        store().compareAndSet(other, Optional.empty(), PASSED);

        assertThat(store().triplets(TripletQuery.all(10), NOW))
            .containsExactlyInAnyOrder(new TripletView(TRIPLET, PENDING), new TripletView(other, PASSED));
        assertThat(store().triplets(TripletQuery.all(10).withNetwork("198.51"), NOW))
            .containsExactly(new TripletView(other, PASSED));
        assertThat(store().triplets(TripletQuery.all(10).withSender("ALICE").withRecipient("bob@"), NOW))
            .containsExactly(new TripletView(TRIPLET, PENDING));
        assertThat(store().triplets(TripletQuery.all(10).withSender("alice").withNetwork("198.51"), NOW)).isEmpty();
    }

    @Test
    default void tripletsShouldMatchWildcardCharactersLiterally() {
        GreylistTriplet underscore = new GreylistTriplet("192.0.2.0/24", "a_b@example.com", "x@example.net");
        GreylistTriplet letter = new GreylistTriplet("192.0.2.0/24", "axb@example.com", "x@example.net");
        store().compareAndSet(underscore, Optional.empty(), PENDING);
        store().compareAndSet(letter, Optional.empty(), PENDING);

        assertThat(store().triplets(TripletQuery.all(10).withSender("a_b"), NOW))
            .extracting(TripletView::triplet).containsExactly(underscore);
        assertThat(store().triplets(TripletQuery.all(10).withSender("%"), NOW)).isEmpty();
        assertThat(store().triplets(TripletQuery.all(10).withSender("*"), NOW)).isEmpty();
    }

    @Test
    default void tripletsShouldStopAtTheLimit() {
        IntStream.range(0, 5).forEach(i -> store().compareAndSet(
            new GreylistTriplet("192.0.2.0/24", "s" + i + "@example.com", "r@example.net"), Optional.empty(), PENDING));

        assertThat(store().triplets(TripletQuery.all(3), NOW)).hasSize(3);
    }

    @Test
    default void tripletsShouldSkipExpiredRecords() {
        store().compareAndSet(TRIPLET, Optional.empty(), PENDING);

        assertThat(store().triplets(TripletQuery.all(10), PENDING.expiresAt())).isEmpty();
    }

    @Test
    default void recordNetworkPassShouldCountPassesAndKeepTheFirst() {
        String network = "192.0.2.0/24";

        assertThat(store().recordNetworkPass(network, NOW, NOW.plus(HOUR))).isEqualTo(1);
        assertThat(store().recordNetworkPass(network, NOW.plusSeconds(1), NOW.plus(HOUR).plusSeconds(1))).isEqualTo(2);
        assertThat(store().networkPasses(network)).contains(
            new NetworkPasses(network, 2, NOW, NOW.plusSeconds(1), NOW.plus(HOUR).plusSeconds(1)));
    }

    @Test
    default void recordNetworkPassShouldRestartAfterExpiry() {
        String network = "2001:db8:1:2::/64";
        store().recordNetworkPass(network, NOW, NOW.plus(HOUR));
        store().recordNetworkPass(network, NOW, NOW.plus(HOUR));

        Instant later = NOW.plus(HOUR);
        assertThat(store().recordNetworkPass(network, later, later.plus(HOUR))).isEqualTo(1);
        assertThat(store().networkPasses(network)).contains(new NetworkPasses(network, 1, later, later, later.plus(HOUR)));
    }

    @Test
    default void networkPassesShouldBeAbsentForAnUnknownNetwork() {
        assertThat(store().networkPasses("192.0.2.0/24")).isEmpty();
    }

    @Test
    default void recordNetworkPassShouldNotLoseConcurrentIncrements() throws Exception {
        String network = "192.0.2.0/24";
        int threads = 4;
        int passesPerThread = 25;

        runConcurrently(threads, () -> {
            for (int i = 0; i < passesPerThread; i++) {
                store().recordNetworkPass(network, NOW, NOW.plus(HOUR));
            }
            return null;
        });

        assertThat(store().networkPasses(network)).map(NetworkPasses::passCount).contains((long) threads * passesPerThread);
    }

    @Test
    default void autoWhitelistedNetworksShouldListUnexpiredNetworksAtTheThreshold() {
        IntStream.range(0, 3).forEach(i -> store().recordNetworkPass("192.0.2.0/24", NOW, NOW.plus(HOUR)));
        IntStream.range(0, 2).forEach(i -> store().recordNetworkPass("198.51.100.0/24", NOW, NOW.plus(HOUR)));
        IntStream.range(0, 3).forEach(i -> store().recordNetworkPass("203.0.113.0/24", NOW, NOW.plusSeconds(1)));

        assertThat(store().autoWhitelistedNetworks(3, NOW.plusSeconds(1), 10))
            .containsExactly(new NetworkPasses("192.0.2.0/24", 3, NOW, NOW, NOW.plus(HOUR)));
        assertThat(store().autoWhitelistedNetworks(2, NOW, 1)).hasSize(1);
    }

    @Test
    default void deleteNetworkShouldForgetItsPasses() {
        store().recordNetworkPass("192.0.2.0/24", NOW, NOW.plus(HOUR));

        assertThat(store().deleteNetwork("192.0.2.0/24")).isTrue();
        assertThat(store().deleteNetwork("192.0.2.0/24")).isFalse();
        assertThat(store().networkPasses("192.0.2.0/24")).isEmpty();
    }

    @Test
    default void purgeExpiredShouldDeleteOnlyExpiredRecords() {
        GreylistTriplet kept = new GreylistTriplet("192.0.2.0/24", "kept@example.com", "bob@example.net");
        store().compareAndSet(TRIPLET, Optional.empty(), PENDING);
        store().compareAndSet(kept, Optional.empty(), PASSED);
        store().recordNetworkPass("192.0.2.0/24", NOW, NOW.plus(HOUR));
        store().recordNetworkPass("198.51.100.0/24", NOW, NOW.plus(Duration.ofDays(1)));

        assertThat(store().purgeExpired(NOW.plus(HOUR))).isEqualTo(2);

        assertThat(store().triplet(TRIPLET)).isEmpty();
        assertThat(store().triplet(kept)).isPresent();
        assertThat(store().networkPasses("192.0.2.0/24")).isEmpty();
        assertThat(store().networkPasses("198.51.100.0/24")).isPresent();
    }

    @Test
    default void whitelistEntriesShouldBeListedOldestFirst() {
        WhitelistEntry newer = WhitelistEntry.create(WhitelistEntry.Kind.RECIPIENT_DOMAIN, "example.net", "", NOW);
        WhitelistEntry older = WhitelistEntry.create(WhitelistEntry.Kind.CLIENT_NETWORK, "2001:db8::/32",
            "partner, see ticket #42", NOW.minusSeconds(60));
        store().addWhitelistEntry(newer);
        store().addWhitelistEntry(older);

        assertThat(store().whitelistEntries()).containsExactly(older, newer);
    }

    @Test
    default void addWhitelistEntryShouldReplaceTheEntryWithTheSameId() {
        WhitelistEntry entry = WhitelistEntry.create(WhitelistEntry.Kind.SENDER_DOMAIN, "example.com", "old", NOW);
        WhitelistEntry edited = new WhitelistEntry(entry.id(), entry.kind(), entry.value(), "new", NOW);
        store().addWhitelistEntry(entry);
        store().addWhitelistEntry(edited);

        assertThat(store().whitelistEntries()).containsExactly(edited);
    }

    @Test
    default void removeWhitelistEntryShouldDeleteOnlyThatEntry() {
        WhitelistEntry removed = WhitelistEntry.create(WhitelistEntry.Kind.RECIPIENT, "abuse@example.net", "", NOW);
        WhitelistEntry kept = WhitelistEntry.create(WhitelistEntry.Kind.CLIENT_HOSTNAME_REGEX,
            "mail-\\d+\\.example\\.com", "", NOW);
        store().addWhitelistEntry(removed);
        store().addWhitelistEntry(kept);

        assertThat(store().removeWhitelistEntry(removed.id())).isTrue();
        assertThat(store().removeWhitelistEntry(removed.id())).isFalse();
        assertThat(store().whitelistEntries()).containsExactly(kept);
    }

    @Test
    default void pingShouldSucceedOnAWorkingStore() {
        store().ping();
    }

    @Test
    default void greylistShouldDeferThenPassARetryOnThisStore() {
        MutableClock clock = new MutableClock(NOW);
        Greylist greylist = new Greylist(store(), GreylistConfiguration.DEFAULT, clock);

        assertThat(greylist.check(TRIPLET).reason()).isEqualTo(GreylistDecision.Reason.NEW_TRIPLET);
        clock.advance(Duration.ofMinutes(5));
        assertThat(greylist.check(TRIPLET).reason()).isEqualTo(GreylistDecision.Reason.PASSED_RETRY);
        assertThat(greylist.check(TRIPLET).reason()).isEqualTo(GreylistDecision.Reason.KNOWN_TRIPLET);
        assertThat(store().networkPasses(TRIPLET.network())).map(NetworkPasses::passCount).contains(2L);
    }

    @Test
    default void concurrentChecksOfANewTripletShouldCreateOneRecordAndDeferAll() throws Exception {
        Greylist greylist = new Greylist(store(), GreylistConfiguration.DEFAULT, new MutableClock(NOW));

        List<GreylistDecision> decisions = runConcurrently(4, () -> greylist.check(TRIPLET));

        assertThat(decisions).allMatch(GreylistDecision::isDeferred);
        assertThat(decisions).extracting(GreylistDecision::reason)
            .containsOnlyOnce(GreylistDecision.Reason.NEW_TRIPLET);
        assertThat(store().triplet(TRIPLET)).map(Versioned::version).contains(1L);
    }

    private static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = IntStream.range(0, threads)
                .mapToObj(i -> executor.submit(() -> {
                    start.await();
                    return task.call();
                }))
                .toList();
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
