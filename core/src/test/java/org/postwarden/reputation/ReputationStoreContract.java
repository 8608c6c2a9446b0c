package org.postwarden.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link ReputationStore} does; implementations start each test empty. */
public interface ReputationStoreContract {
    Instant EARLY = Instant.parse("2026-03-01T10:00:00Z");
    Instant LATE = Instant.parse("2026-03-01T10:30:00Z");

    ReputationStore store();

    @Test
    default void addsShouldAccumulatePerAccountAndOutcome() {
        store().add("alice@example.com", Outcome.SENT, 3, EARLY);
        store().add("alice@example.com", Outcome.SENT, 2, EARLY);
        store().add("alice@example.com", Outcome.REFUSED, 1, LATE);
        store().add("bob@example.com", Outcome.BOUNCED, 4, LATE);

        assertThat(store().counts("alice@example.com", EARLY)).isEqualTo(new ReputationCounts(5, 1, 0, 0));
        assertThat(store().counts("bob@example.com", EARLY)).isEqualTo(new ReputationCounts(0, 0, 4, 0));
        assertThat(store().counts("carol@example.com", EARLY)).isEqualTo(ReputationCounts.NONE);
    }

    @Test
    default void countsShouldLeaveOutBucketsBeforeTheStart() {
        store().add("alice@example.com", Outcome.SENT, 3, EARLY);
        store().add("alice@example.com", Outcome.SENT, 1, LATE);

        assertThat(store().counts("alice@example.com", EARLY.plusSeconds(1))).isEqualTo(new ReputationCounts(1, 0, 0, 0));
        assertThat(store().accounts(LATE.plusSeconds(1))).isEmpty();
    }

    @Test
    default void serverWideShouldIncludeUnattributedMailWhichNoAccountListShows() {
        store().add("alice@example.com", Outcome.SENT, 2, EARLY);
        store().add(ReputationStore.UNATTRIBUTED, Outcome.SENT, 5, EARLY);
        store().add(ReputationStore.UNATTRIBUTED, Outcome.QUARANTINED, 1, LATE);

        assertThat(store().serverWide(EARLY)).isEqualTo(new ReputationCounts(7, 0, 0, 1));
        assertThat(store().accounts(EARLY)).containsOnlyKeys("alice@example.com");
        assertThat(store().accounts(EARLY).get("alice@example.com")).isEqualTo(new ReputationCounts(2, 0, 0, 0));
    }

    @Test
    default void purgeShouldForgetOnlyOlderBuckets() {
        store().add("alice@example.com", Outcome.SENT, 3, EARLY);
        store().add("alice@example.com", Outcome.SENT, 1, LATE);

        assertThat(store().purgeBefore(LATE)).isEqualTo(1);

        assertThat(store().counts("alice@example.com", EARLY)).isEqualTo(new ReputationCounts(1, 0, 0, 0));
    }
}
