package org.postwarden.throttle.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.MutableClock;
import org.postwarden.throttle.InMemoryThrottleStore;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.WindowSpec;
import org.postwarden.throttle.WindowUsage;
import org.postwarden.throttle.Acquisition;

class AuthGuardTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final AuthAttempt ALICE_FROM_ATTACKER = new AuthAttempt("192.0.2.1", "Alice@Example.COM", "smtp");
    private static final AuthAttempt ALICE_FROM_HOME = new AuthAttempt("198.51.100.7", "alice@example.com", "smtp");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryAuthFailureLog log = new InMemoryAuthFailureLog();
    private final AuthGuard guard = new AuthGuard(AuthGuardConfig.DEFAULT, new InMemoryThrottleStore(), log, clock);

    @Test
    void anAddressAndAccountShouldBeRefusedOnceItsLimitIsReached() {
        fail(ALICE_FROM_ATTACKER, 4);
        assertThat(guard.check(ALICE_FROM_ATTACKER).status()).isEqualTo(AuthVerdict.Status.ALLOWED);

        fail(ALICE_FROM_ATTACKER, 1);

        AuthVerdict verdict = guard.check(ALICE_FROM_ATTACKER);
        assertThat(verdict.status()).isEqualTo(AuthVerdict.Status.REFUSED);
        assertThat(verdict.retryAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theAccountShouldStillBeAllowedFromAnotherAddress() {
        fail(ALICE_FROM_ATTACKER, 5);

        assertThat(guard.check(ALICE_FROM_HOME).status()).isEqualTo(AuthVerdict.Status.ALLOWED);
    }

    @Test
    void anAddressShouldBeRefusedForEveryAccountOnceItTriedTooMany() {
        for (int account = 0; account < 10; account++) {
            guard.failed(new AuthAttempt("192.0.2.1", "user" + account + "@example.com", "imap"));
        }

        assertThat(guard.check(new AuthAttempt("192.0.2.1", "fresh@example.com", "imap")).allowed()).isFalse();
        assertThat(guard.check(new AuthAttempt("192.0.2.2", "fresh@example.com", "imap")).allowed()).isTrue();
    }

    @Test
    void ipv6AddressesOfOneSubnetShouldShareTheirCounter() {
        for (int host = 1; host <= 10; host++) {
            guard.failed(new AuthAttempt("2001:db8:1:2::" + host, "user" + host + "@example.com", "smtp"));
        }

        assertThat(guard.check(new AuthAttempt("2001:db8:1:2::ff", "other@example.com", "smtp")).allowed()).isFalse();
        assertThat(guard.check(new AuthAttempt("2001:db8:1:3::1", "other@example.com", "smtp")).allowed()).isTrue();
    }

    @Test
    void failuresShouldBeDelayedFromTheThresholdOn() {
        assertThat(guard.failed(ALICE_FROM_ATTACKER).delay()).isZero();
        assertThat(guard.failed(ALICE_FROM_ATTACKER).delay()).isZero();
        assertThat(guard.failed(ALICE_FROM_ATTACKER).delay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void failuresShouldDrainAtTheLimitsRate() {
        fail(ALICE_FROM_ATTACKER, 5);

        clock.advance(Duration.ofMinutes(2));

        assertThat(guard.check(ALICE_FROM_ATTACKER).allowed()).isTrue();
    }

    @Test
    void failuresAndRefusalsShouldBeLogged() {
        fail(ALICE_FROM_ATTACKER, 5);
        guard.check(ALICE_FROM_ATTACKER);

        assertThat(guard.history("192.0.2.1", 100))
            .extracting(AuthFailureEvent::action, AuthFailureEvent::account, AuthFailureEvent::protocol)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple(AuthFailureEvent.Action.FAILED, "alice@example.com", "smtp"),
                org.assertj.core.groups.Tuple.tuple(AuthFailureEvent.Action.FAILED, "alice@example.com", "smtp"),
                org.assertj.core.groups.Tuple.tuple(AuthFailureEvent.Action.FAILED, "alice@example.com", "smtp"),
                org.assertj.core.groups.Tuple.tuple(AuthFailureEvent.Action.FAILED, "alice@example.com", "smtp"),
                org.assertj.core.groups.Tuple.tuple(AuthFailureEvent.Action.FAILED, "alice@example.com", "smtp"),
                org.assertj.core.groups.Tuple.tuple(AuthFailureEvent.Action.REFUSED, "alice@example.com", "smtp"));
    }

    @Test
    void aHammeringClientShouldBeLoggedOnceAMinuteNotForEachRefusal() {
        fail(ALICE_FROM_ATTACKER, 5);
        for (int i = 0; i < 5; i++) {
            guard.failed(new AuthAttempt("192.0.2.1", "other" + i + "@example.com", "smtp"));
        }

        for (int i = 0; i < 100; i++) {
            guard.check(new AuthAttempt("192.0.2.1", "random" + i + "@example.com", "smtp"));
        }
        clock.advance(Duration.ofMinutes(1));
        guard.check(ALICE_FROM_ATTACKER);

        assertThat(guard.history("192.0.2.1", 1000)).filteredOn(event -> event.action() == AuthFailureEvent.Action.REFUSED)
            .hasSize(2);
    }

    @Test
    void countersShouldListTheAddressAndTheAccount() {
        fail(ALICE_FROM_ATTACKER, 5);

        assertThat(guard.counters())
            .extracting(FailureCount::address, FailureCount::account, FailureCount::failures, FailureCount::refused)
            .containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("192.0.2.1", "", 5L, false),
                org.assertj.core.groups.Tuple.tuple("192.0.2.1", "alice@example.com", 5L, true));
    }

    @Test
    void clearingAnAddressShouldLetItTryAgainAndBeLogged() {
        fail(ALICE_FROM_ATTACKER, 5);

        guard.clear(" 192.0.2.1 ");

        assertThat(guard.check(ALICE_FROM_ATTACKER).allowed()).isTrue();
        assertThat(guard.counters()).isEmpty();
        assertThat(guard.history("192.0.2.1", 1)).singleElement()
            .extracting(AuthFailureEvent::action).isEqualTo(AuthFailureEvent.Action.CLEARED);
    }

    @Test
    void clearingSomethingThatIsNoAddressShouldBeRefused() {
        assertThatThrownBy(() -> guard.clear("alice@example.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailingStoreShouldLetAuthenticationGoOnAndSaySo() {
        AuthGuard failing = new AuthGuard(AuthGuardConfig.DEFAULT, new BrokenStore(), log, clock);

        assertThat(failing.check(ALICE_FROM_ATTACKER).status()).isEqualTo(AuthVerdict.Status.UNCHECKED);
        assertThat(failing.check(ALICE_FROM_ATTACKER).allowed()).isTrue();
        assertThat(failing.failed(ALICE_FROM_ATTACKER).storeFailure()).contains("down");
    }

    @Test
    void overlongAccountNamesShouldBeCutToFitTheStore() {
        AuthAttempt attempt = new AuthAttempt("192.0.2.1", "a".repeat(5000), "smtp");

        fail(attempt, 5);

        assertThat(guard.check(attempt).allowed()).isFalse();
    }

    @Test
    void configShouldRejectUnknownKeysAndUnboundedDelays() {
        assertThatThrownBy(() -> AuthGuardConfig.from(Map.of("authFailures.perAdress", "3/1m")))
            .hasMessageContaining("authFailures.perAdress");
        assertThatThrownBy(() -> AuthGuardConfig.from(Map.of("authFailures.delay", "1m")))
            .hasMessageContaining("authFailures.delay");
        assertThatThrownBy(() -> AuthGuardConfig.from(Map.of("authFailures.perAddress", "ten/1m")))
            .hasMessageContaining("authFailures.perAddress=ten/1m");
        assertThat(AuthGuardConfig.from(Map.of("authFailures.perAddressAndAccount", " 3/1h ")).perAddressAndAccount()
            .limit()).isEqualTo(3);
    }

    private void fail(AuthAttempt attempt, int times) {
        for (int i = 0; i < times; i++) {
            guard.failed(attempt);
        }
    }

    private static final class BrokenStore implements ThrottleStore {
        @Override
        public Acquisition acquire(List<WindowSpec> windows, Instant now) {
            throw new ThrottleStoreException("down");
        }

        @Override
        public List<WindowUsage> peek(List<WindowSpec> windows, Instant now) {
            throw new ThrottleStoreException("down");
        }

        @Override
        public void reset(String bucket) {
            throw new ThrottleStoreException("down");
        }

        @Override
        public long purgeIdle(Instant now) {
            return 0;
        }
    }
}
