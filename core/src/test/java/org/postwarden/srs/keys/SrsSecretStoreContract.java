package org.postwarden.srs.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link SrsSecretStore} does. */
public interface SrsSecretStoreContract {
    Instant T0 = Instant.parse("2026-11-22T10:00:00.123Z");
    SrsSecretRecord OLD = SrsSecretRecord.create("old-secret", T0);
    SrsSecretRecord NEW = SrsSecretRecord.create("new-secret", T0.plusSeconds(60));

    SrsSecretStore store();

    @Test
    default void listShouldGiveTheAddedSecretsOldestFirst() {
        store().add(NEW);
        store().add(OLD);

        assertThat(store().list()).containsExactly(OLD, NEW);
    }

    @Test
    default void addingASecretTwiceShouldKeepTheFirst() {
        assertThat(store().add(OLD)).isTrue();

        assertThat(store().add(new SrsSecretRecord(OLD.id(), "old-secret", T0.plusSeconds(5), Optional.empty()))).isFalse();
        assertThat(store().list()).containsExactly(OLD);
    }

    @Test
    default void retireShouldDateTheRetirementOnce() {
        store().add(OLD);

        assertThat(store().retire(OLD.id(), T0.plusSeconds(10))).isTrue();
        assertThat(store().retire(OLD.id(), T0.plusSeconds(20))).isFalse();
        assertThat(store().list()).singleElement()
            .satisfies(record -> assertThat(record.retiredAt()).contains(T0.plusSeconds(10)))
            .satisfies(record -> assertThat(record.secret()).isEqualTo("old-secret"));
    }

    @Test
    default void retiringAnUnknownSecretShouldChangeNothing() {
        assertThat(store().retire("deadbeef", T0)).isFalse();
        assertThat(store().list()).isEmpty();
    }

    @Test
    default void removeShouldForgetOnlyThatSecret() {
        store().add(OLD);
        store().add(NEW);

        assertThat(store().remove(OLD.id())).isTrue();
        assertThat(store().remove(OLD.id())).isFalse();
        assertThat(store().list()).containsExactly(NEW);
    }
}
