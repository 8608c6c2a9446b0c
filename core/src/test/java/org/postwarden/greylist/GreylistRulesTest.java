package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GreylistRulesTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Duration DELAY = Duration.ofMinutes(5);
    private static final Duration WINDOW = Duration.ofDays(2);
    private static final Duration EXPIRY = Duration.ofDays(35);
    private static final TripletRecord PENDING = new TripletRecord(TripletRecord.State.PENDING, T0, T0, 0,
        T0.plus(WINDOW));

    private final GreylistRules rules = new GreylistRules(GreylistConfiguration.DEFAULT);

    @Test
    void unknownTripletShouldBeDeferredUntilTheDelayAndRememberedForTheWindow() {
        GreylistRules.Transition transition = rules.evaluate(Optional.empty(), T0);

        assertThat(transition.decision()).isEqualTo(GreylistDecision.defer(GreylistDecision.Reason.NEW_TRIPLET,
            T0.plus(DELAY)));
        assertThat(transition.next()).contains(PENDING);
    }

    @Test
    void retryBeforeTheDelayShouldBeDeferredUntilTheSameInstantWithoutWriting() {
        GreylistRules.Transition transition = rules.evaluate(Optional.of(PENDING), T0.plus(DELAY).minusMillis(1));

        assertThat(transition.decision()).isEqualTo(GreylistDecision.defer(GreylistDecision.Reason.TOO_EARLY,
            T0.plus(DELAY)));
        assertThat(transition.next()).isEmpty();
    }

    @Test
    void retryAtTheDelayShouldPassAndRememberTheTripletForTheExpiry() {
        Instant retry = T0.plus(DELAY);

        GreylistRules.Transition transition = rules.evaluate(Optional.of(PENDING), retry);

        assertThat(transition.decision()).isEqualTo(GreylistDecision.pass(GreylistDecision.Reason.PASSED_RETRY));
        assertThat(transition.next()).contains(new TripletRecord(TripletRecord.State.PASSED, T0, retry, 1,
            retry.plus(EXPIRY)));
    }

    @Test
    void retryJustBeforeTheWindowClosesShouldPass() {
        assertThat(rules.evaluate(Optional.of(PENDING), T0.plus(WINDOW).minusMillis(1)).decision().reason())
            .isEqualTo(GreylistDecision.Reason.PASSED_RETRY);
    }

    @Test
    void retryAfterTheWindowShouldStartOver() {
        Instant late = T0.plus(WINDOW);

        GreylistRules.Transition transition = rules.evaluate(Optional.of(PENDING), late);

        assertThat(transition.decision()).isEqualTo(
            GreylistDecision.defer(GreylistDecision.Reason.RETRY_WINDOW_EXPIRED, late.plus(DELAY)));
        assertThat(transition.next()).contains(new TripletRecord(TripletRecord.State.PENDING, late, late, 0,
            late.plus(WINDOW)));
    }

    @Test
    void knownTripletShouldPassAndExtendItsExpiry() {
        TripletRecord passed = new TripletRecord(TripletRecord.State.PASSED, T0, T0.plus(DELAY), 1,
            T0.plus(DELAY).plus(EXPIRY));
        Instant later = T0.plus(Duration.ofDays(30));

        GreylistRules.Transition transition = rules.evaluate(Optional.of(passed), later);

        assertThat(transition.decision()).isEqualTo(GreylistDecision.pass(GreylistDecision.Reason.KNOWN_TRIPLET));
        assertThat(transition.next()).contains(new TripletRecord(TripletRecord.State.PASSED, T0, later, 2,
            later.plus(EXPIRY)));
    }

    @Test
    void expiredKnownTripletShouldBeGreylistedAgain() {
        TripletRecord passed = new TripletRecord(TripletRecord.State.PASSED, T0, T0, 3, T0.plus(EXPIRY));

        assertThat(rules.evaluate(Optional.of(passed), T0.plus(EXPIRY)).decision())
            .isEqualTo(GreylistDecision.defer(GreylistDecision.Reason.NEW_TRIPLET, T0.plus(EXPIRY).plus(DELAY)));
    }

    @Test
    void instantsShouldBeTruncatedToTheMillisecondsStoresKeep() {
        Instant precise = T0.plusNanos(1_234_567);

        GreylistRules.Transition transition = rules.evaluate(Optional.empty(), precise);

        assertThat(transition.decision().retryAfter()).contains(T0.plusMillis(1).plus(DELAY));
        assertThat(transition.next()).map(TripletRecord::firstSeen).contains(T0.plusMillis(1));
    }

    @Test
    void networkShouldBeAutoWhitelistedFromTheThresholdUntilItsExpiry() {
        NetworkPasses four = new NetworkPasses("192.0.2.0/24", 4, T0, T0, T0.plus(EXPIRY));
        NetworkPasses five = new NetworkPasses("192.0.2.0/24", 5, T0, T0, T0.plus(EXPIRY));

        assertThat(rules.isAutoWhitelisted(Optional.empty(), T0)).isFalse();
        assertThat(rules.isAutoWhitelisted(Optional.of(four), T0)).isFalse();
        assertThat(rules.isAutoWhitelisted(Optional.of(five), T0)).isTrue();
        assertThat(rules.isAutoWhitelisted(Optional.of(five), T0.plus(EXPIRY))).isFalse();
    }

    @Test
    void thresholdZeroShouldTurnAutoWhitelistingOff() {
        GreylistRules withoutAutoWhitelist = new GreylistRules(new GreylistConfiguration(24, 64, DELAY, WINDOW,
            EXPIRY, 0));
        NetworkPasses many = new NetworkPasses("192.0.2.0/24", 1000, T0, T0, T0.plus(EXPIRY));

        assertThat(withoutAutoWhitelist.isAutoWhitelisted(Optional.of(many), T0)).isFalse();
    }
}
