package org.postwarden.srs.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SrsSecretRecordTest {
    private static final Instant CREATED = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void theIdShouldBeTheStartOfTheSha256OfTheSecret() {
        // printf %s tops3cr3t | sha256sum: f451c39ba1a3a5f3...
        assertThat(SrsSecretRecord.create("tops3cr3t", CREATED).id()).isEqualTo("f451c39b");
    }

    @Test
    void theSecretShouldNotAppearInLogs() {
        assertThat(SrsSecretRecord.create("tops3cr3t", CREATED).toString()).doesNotContain("tops3cr3t");
    }

    @Test
    void aSigningSecretShouldHaveNoEndOfVerification() {
        assertThat(SrsSecretRecord.create("tops3cr3t", CREATED).verifiesUntil(21)).isEmpty();
    }

    @Test
    void aRetiredSecretShouldVerifyUntilTheDayAfterTheMaximumAge() {
        SrsSecretRecord retired = new SrsSecretRecord("id", "tops3cr3t", CREATED, Optional.of(Instant.parse("2026-11-22T23:59:59Z")));

        assertThat(retired.verifiesUntil(21)).contains(Instant.parse("2026-12-14T00:00:00Z"));
    }

    @Test
    void anEmptySecretShouldBeRefused() {
        assertThatThrownBy(() -> SrsSecretRecord.create("", CREATED)).isInstanceOf(IllegalArgumentException.class);
    }
}
