package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.MutableClock;

class GreylistTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private MutableClock clock;
    private InMemoryGreylistStore store;
    private Greylist greylist;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        store = new InMemoryGreylistStore();
        greylist = new Greylist(store, GreylistConfiguration.DEFAULT, clock);
    }

    @Test
    void firstAttemptShouldBeDeferredForFiveMinutes() {
        GreylistDecision decision = greylist.check(triplet("192.0.2.10", "alice@example.com"));

        assertThat(decision).isEqualTo(GreylistDecision.defer(GreylistDecision.Reason.NEW_TRIPLET,
            T0.plus(Duration.ofMinutes(5))));
    }

    @Test
    void earlyRetryShouldBeDeferredUntilTheFirstDeadline() {
        greylist.check(triplet("192.0.2.10", "alice@example.com"));
        clock.advance(Duration.ofMinutes(2));

        assertThat(greylist.check(triplet("192.0.2.10", "alice@example.com"))).isEqualTo(
            GreylistDecision.defer(GreylistDecision.Reason.TOO_EARLY, T0.plus(Duration.ofMinutes(5))));
    }

    @Test
    void retryFromAnotherHostOfTheSameNetworkAfterTheDelayShouldPass() {
        greylist.check(triplet("192.0.2.10", "alice@example.com"));
        clock.advance(Duration.ofMinutes(5));

        assertThat(greylist.check(triplet("192.0.2.200", "alice+retry@example.com")).reason())
            .isEqualTo(GreylistDecision.Reason.PASSED_RETRY);
    }

    @Test
    void retryAfterTheWindowShouldStartOver() {
        greylist.check(triplet("192.0.2.10", "alice@example.com"));
        clock.advance(Duration.ofDays(2));

        assertThat(greylist.check(triplet("192.0.2.10", "alice@example.com")).reason())
            .isEqualTo(GreylistDecision.Reason.RETRY_WINDOW_EXPIRED);
        clock.advance(Duration.ofMinutes(5));
        assertThat(greylist.check(triplet("192.0.2.10", "alice@example.com")).reason())
            .isEqualTo(GreylistDecision.Reason.PASSED_RETRY);
    }

    @Test
    void knownTripletShouldPassAndStayKnownWhileItKeepsPassing() {
        GreylistTriplet triplet = triplet("192.0.2.10", "alice@example.com");
        greylist.check(triplet);
        clock.advance(Duration.ofMinutes(5));
        greylist.check(triplet);

        clock.advance(Duration.ofDays(30));
        assertThat(greylist.check(triplet).reason()).isEqualTo(GreylistDecision.Reason.KNOWN_TRIPLET);
        clock.advance(Duration.ofDays(30));
        assertThat(greylist.check(triplet).reason()).isEqualTo(GreylistDecision.Reason.KNOWN_TRIPLET);
        assertThat(store.triplet(triplet).orElseThrow().value().expiresAt())
            .isEqualTo(clock.instant().plus(Duration.ofDays(35)));
    }

    @Test
    void knownTripletShouldBeForgottenAfterTheExpiryWithoutPass() {
        GreylistTriplet triplet = triplet("192.0.2.10", "alice@example.com");
        greylist.check(triplet);
        clock.advance(Duration.ofMinutes(5));
        greylist.check(triplet);
        clock.advance(Duration.ofDays(35));

        assertThat(greylist.check(triplet).reason()).isEqualTo(GreylistDecision.Reason.NEW_TRIPLET);
    }

    @Test
    void fivePassesShouldAutoWhitelistTheNetworkForAnySender() {
        GreylistTriplet triplet = triplet("192.0.2.10", "alice@example.com");
        greylist.check(triplet);
        clock.advance(Duration.ofMinutes(5));
        for (int pass = 0; pass < 5; pass++) {
            assertThat(greylist.check(triplet).isPass()).isTrue();
        }

        assertThat(greylist.check(triplet("192.0.2.99", "newcomer@example.org")))
            .isEqualTo(GreylistDecision.pass(GreylistDecision.Reason.AUTO_WHITELISTED_NETWORK));
        assertThat(greylist.check(triplet("198.51.100.1", "newcomer@example.org")).reason())
            .isEqualTo(GreylistDecision.Reason.NEW_TRIPLET);
    }

    @Test
    void fourPassesShouldNotAutoWhitelistTheNetwork() {
        GreylistTriplet triplet = triplet("192.0.2.10", "alice@example.com");
        greylist.check(triplet);
        clock.advance(Duration.ofMinutes(5));
        for (int pass = 0; pass < 4; pass++) {
            greylist.check(triplet);
        }

        assertThat(greylist.check(triplet("192.0.2.99", "newcomer@example.org")).reason())
            .isEqualTo(GreylistDecision.Reason.NEW_TRIPLET);
    }

    @Test
    void autoWhitelistShouldLastWhileTheNetworkKeepsPassing() {
        autoWhitelist("192.0.2.10");

        clock.advance(Duration.ofDays(34));
        assertThat(greylist.check(triplet("192.0.2.1", "a@example.org")).reason())
            .isEqualTo(GreylistDecision.Reason.AUTO_WHITELISTED_NETWORK);
        clock.advance(Duration.ofDays(34));
        assertThat(greylist.check(triplet("192.0.2.1", "b@example.org")).reason())
            .isEqualTo(GreylistDecision.Reason.AUTO_WHITELISTED_NETWORK);
        clock.advance(Duration.ofDays(35));
        assertThat(greylist.check(triplet("192.0.2.1", "c@example.org")).reason())
            .isEqualTo(GreylistDecision.Reason.NEW_TRIPLET);
    }

    @Test
    void aWhitelistedNetworkShouldHaveItsPassesRecordedAtMostOnceAMinute() {
        autoWhitelist("192.0.2.10");
        long passes = store.networkPasses("192.0.2.0/24").orElseThrow().passCount();
        clock.advance(Duration.ofMinutes(2));

        for (int message = 0; message < 10; message++) {
            greylist.check(triplet("192.0.2.1", "sender" + message + "@example.org"));
        }
        assertThat(store.networkPasses("192.0.2.0/24").orElseThrow().passCount()).isEqualTo(passes + 1);

        clock.advance(Duration.ofSeconds(61));
        greylist.check(triplet("192.0.2.1", "later@example.org"));
        assertThat(store.networkPasses("192.0.2.0/24").orElseThrow().passCount()).isEqualTo(passes + 2);
    }

    @Test
    void ipv6ClientsShouldBeGroupedBySlash64() {
        greylist.check(triplet("2001:db8:1:2::25", "alice@example.com"));
        clock.advance(Duration.ofMinutes(5));

        assertThat(greylist.check(triplet("2001:db8:1:2:ffff::1", "alice@example.com")).reason())
            .isEqualTo(GreylistDecision.Reason.PASSED_RETRY);
        assertThat(greylist.check(triplet("2001:db8:1:3::25", "alice@example.com")).reason())
            .isEqualTo(GreylistDecision.Reason.NEW_TRIPLET);
    }

    @Test
    void disabledAutoWhitelistShouldNotCountNetworkPasses() {
        Greylist withoutAutoWhitelist = new Greylist(store,
            GreylistConfiguration.from(Map.of(GreylistConfiguration.AUTO_WHITELIST_THRESHOLD, "0")), clock);
        GreylistTriplet triplet = triplet("192.0.2.10", "alice@example.com");
        withoutAutoWhitelist.check(triplet);
        clock.advance(Duration.ofMinutes(5));
        withoutAutoWhitelist.check(triplet);

        assertThat(store.networkPasses("192.0.2.0/24")).isEmpty();
    }

    @Test
    void statisticsShouldCountEveryOutcome() {
        GreylistTriplet triplet = triplet("192.0.2.10", "alice@example.com");
        greylist.check(triplet);
        greylist.check(triplet);
        clock.advance(Duration.ofMinutes(5));
        for (int pass = 0; pass < 5; pass++) {
            greylist.check(triplet);
        }
        greylist.check(triplet("192.0.2.11", "bob@example.com"));
        greylist.statistics().recordSkipped();

        GreylistStatistics statistics = greylist.statistics();
        assertThat(statistics.greylisted()).isEqualTo(2);
        assertThat(statistics.passedOnRetry()).isEqualTo(1);
        assertThat(statistics.knownTripletPasses()).isEqualTo(4);
        assertThat(statistics.autoWhitelistedPasses()).isEqualTo(1);
        assertThat(statistics.skipped()).isEqualTo(1);
        assertThat(statistics.storeErrors()).isZero();
    }

    @Test
    void storeFailureShouldSurfaceAsStoreExceptionAndBeLeftToTheGateToCount() {
        GreylistStore unreachable = (GreylistStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {GreylistStore.class}, (proxy, method, arguments) -> {
                throw new GreylistStoreException("connection refused");
            });
        Greylist failing = new Greylist(unreachable, GreylistConfiguration.DEFAULT, clock);

        assertThatThrownBy(() -> failing.check(triplet("192.0.2.10", "alice@example.com")))
            .isInstanceOf(GreylistStoreException.class);
        // GreylistGate counts it, once (GreylistGateTest): counting here too counted every failure twice.
        assertThat(failing.statistics().storeErrors()).isZero();
    }

    private void autoWhitelist(String client) {
        GreylistTriplet triplet = triplet(client, "alice@example.com");
        greylist.check(triplet);
        clock.advance(Duration.ofMinutes(5));
        for (int pass = 0; pass < GreylistConfiguration.DEFAULT.autoWhitelistThreshold(); pass++) {
            greylist.check(triplet);
        }
    }

    private static GreylistTriplet triplet(String client, String sender) {
        return GreylistTriplet.of(InetAddresses.forString(client), sender, "bob@example.net",
            GreylistConfiguration.DEFAULT);
    }
}
