package org.postwarden.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class QuarantineRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    @Test
    void aMailOlderThanTheRetentionShouldBePurged() {
        assertThat(QuarantineRetention.isExpired(Optional.of(NOW.minus(THIRTY_DAYS).minusSeconds(1)), NOW, THIRTY_DAYS)).isTrue();
    }

    @Test
    void aMailExactlyAsOldAsTheRetentionShouldBeKept() {
        assertThat(QuarantineRetention.isExpired(Optional.of(NOW.minus(THIRTY_DAYS)), NOW, THIRTY_DAYS)).isFalse();
    }

    @Test
    void aRecentMailShouldBeKept() {
        assertThat(QuarantineRetention.isExpired(Optional.of(NOW.minus(Duration.ofDays(1))), NOW, THIRTY_DAYS)).isFalse();
    }

    @Test
    void aMailWithoutDateShouldBeKept() {
        assertThat(QuarantineRetention.isExpired(Optional.empty(), NOW, THIRTY_DAYS)).isFalse();
    }

    @Test
    void filtersShouldParseDaysAndInstants() {
        QuarantineFilter filter = QuarantineFilter.parse(Map.of("since", "2026-11-01", "until", "2026-11-22T10:00:00Z", "reason", "SPAM")::get);

        assertThat(filter.since()).contains(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(filter.until()).contains(NOW);
        assertThat(filter.reason()).isEqualTo("spam");
        assertThat(filter.limit()).isEqualTo(QuarantineFilter.DEFAULT_LIMIT);
    }

    @Test
    void badFiltersShouldBeRejected() {
        assertThatThrownBy(() -> QuarantineFilter.parse(Map.of("since", "yesterday")::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuarantineFilter.parse(Map.of("limit", "0")::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuarantineFilter.parse(Map.of("limit", "many")::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
