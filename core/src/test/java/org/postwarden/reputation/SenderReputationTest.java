package org.postwarden.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.MutableClock;
import org.postwarden.throttle.InMemorySuspensionStore;
import org.postwarden.throttle.SuspensionEvent;
import org.postwarden.throttle.ThrottleKey;

class SenderReputationTest {
    private static final Optional<String> ALICE = Optional.of("alice@example.com");
    private static final Optional<String> BOB = Optional.of("bob@example.com");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemorySuspensionStore suspensions = new InMemorySuspensionStore();
    private final List<SuspensionEvent> told = new ArrayList<>();
    private final SenderReputation reputation = new SenderReputation(
        new ReputationPolicy(Duration.ofDays(1), 10, 0.10, true), new InMemoryReputationStore(), suspensions,
        told::add, clock);

    @Test
    void anAccountAboveTheShareShouldBeSuspendedOnceWithTheShareAndCountsInTheReason() {
        reputation.sent(ALICE, 10);
        assertThat(reputation.failed(ALICE, Outcome.REFUSED, 1)).isEmpty();

        Optional<SuspensionEvent> suspended = reputation.failed(ALICE, Outcome.BOUNCED, 1);

        assertThat(suspended).isPresent();
        assertThat(suspended.get().user()).isEqualTo("alice@example.com");
        assertThat(suspended.get().reason())
            .isEqualTo("outbound reputation: 20.0% of 10 messages in 1d refused, bounced or quarantined "
                + "(1 refused, 1 bounced, 0 quarantined), more than the 10.0% allowed");
        assertThat(suspended.get().counters())
            .isEqualTo(Map.of("sent", 10L, "refused", 1L, "bounced", 1L, "quarantined", 0L));
        assertThat(suspensions.suspension(ThrottleKey.user("alice@example.com"))).isPresent();
        assertThat(reputation.failed(ALICE, Outcome.REFUSED, 1)).as("decided once").isEmpty();
        assertThat(told).containsExactly(suspended.get());
    }

    @Test
    void anUnsuspendedAccountShouldBeJudgedOnlyOnWhatItSendsAfterwards() {
        reputation.sent(ALICE, 10);
        reputation.failed(ALICE, Outcome.REFUSED, 5);
        clock.advance(Duration.ofHours(1));
        suspensions.unsuspend(ThrottleKey.user("alice@example.com"), "password changed", clock.instant());
        clock.advance(Duration.ofHours(1));

        reputation.sent(ALICE, 10);
        assertThat(reputation.failed(ALICE, Outcome.REFUSED, 1)).as("10% since the unsuspension").isEmpty();
        assertThat(reputation.failed(ALICE, Outcome.REFUSED, 1)).as("20% since the unsuspension").isPresent();
        assertThat(reputation.account("alice@example.com").refused()).as("the window still shows everything")
            .isEqualTo(7);
    }

    @Test
    void anAccountBelowTheMinimumVolumeShouldNotBeJudged() {
        reputation.sent(ALICE, 9);

        assertThat(reputation.failed(ALICE, Outcome.REFUSED, 9)).isEmpty();
        assertThat(reputation.suspension("alice@example.com")).isEmpty();
    }

    @Test
    void failuresShouldLeaveTheWindowAndTheirCountsWithThem() {
        reputation.sent(ALICE, 10);
        reputation.failed(ALICE, Outcome.REFUSED, 1);
        clock.advance(Duration.ofHours(25));
        reputation.sent(ALICE, 10);

        assertThat(reputation.failed(ALICE, Outcome.REFUSED, 1)).isEmpty();
        assertThat(reputation.account("alice@example.com")).isEqualTo(new ReputationCounts(10, 1, 0, 0));
    }

    @Test
    void spellingsOfAnAccountShouldShareItsCounts() {
        reputation.sent(Optional.of("Alice+news@Example.COM"), 4);
        reputation.sent(ALICE, 1);

        assertThat(reputation.account("ALICE@example.com").sent()).isEqualTo(5);
    }

    @Test
    void unattributedMailShouldCountServerWideAndSuspendNobody() {
        reputation.sent(ALICE, 10);
        reputation.sent(Optional.empty(), 10);

        assertThat(reputation.failed(Optional.empty(), Outcome.QUARANTINED, 10)).isEmpty();

        assertThat(reputation.serverWide()).isEqualTo(new ReputationCounts(20, 0, 0, 10));
        assertThat(reputation.serverWide().badShare()).isEqualTo(0.5);
        assertThat(reputation.account("alice@example.com").bad()).isZero();
        assertThat(reputation.worst(10)).extracting(AccountReputation::account).containsExactly("alice@example.com");
    }

    @Test
    void worstShouldRankByShareThenByBadMail() {
        reputation.sent(ALICE, 100);
        reputation.failed(ALICE, Outcome.REFUSED, 5);
        reputation.sent(BOB, 10);
        reputation.failed(BOB, Outcome.REFUSED, 1);
        reputation.sent(Optional.of("carol@example.com"), 3);

        assertThat(reputation.worst(2)).extracting(AccountReputation::account)
            .containsExactly("bob@example.com", "alice@example.com");
    }

    @Test
    void countingOnlyShouldNeverSuspend() {
        SenderReputation counting = new SenderReputation(new ReputationPolicy(Duration.ofDays(1), 1, 0.10, false),
            new InMemoryReputationStore(), suspensions, told::add, clock);
        counting.sent(ALICE, 1);

        assertThat(counting.failed(ALICE, Outcome.REFUSED, 1)).isEmpty();
        assertThat(counting.account("alice@example.com").badShare()).isEqualTo(1.0);
        assertThat(told).isEmpty();
    }

    @Test
    void purgeShouldForgetWhatLeftTheWindow() {
        reputation.sent(ALICE, 3);
        clock.advance(Duration.ofDays(2));
        reputation.sent(ALICE, 1);

        assertThat(reputation.purge()).isEqualTo(1);
        assertThat(reputation.account("alice@example.com").sent()).isEqualTo(1);
    }
}
