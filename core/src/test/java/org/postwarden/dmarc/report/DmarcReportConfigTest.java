package org.postwarden.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class DmarcReportConfigTest {
    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneId.of("Europe/Paris"));
    }

    @Test
    void theFirstRunShouldBeAtTheNextSendAtInUtc() {
        assertThat(DmarcReportConfig.untilNext(LocalTime.of(0, 30), at("2026-11-22T00:10:00Z"))).isEqualTo(Duration.ofMinutes(20));
        assertThat(DmarcReportConfig.untilNext(LocalTime.of(0, 30), at("2026-11-22T10:00:00Z")))
            .isEqualTo(Duration.ofHours(14).plusMinutes(30));
    }

    @Test
    void aSendAtThatIsNowShouldWaitForTomorrow() {
        assertThat(DmarcReportConfig.untilNext(LocalTime.of(0, 30), at("2026-11-22T00:30:00Z"))).isEqualTo(Duration.ofDays(1));
    }
}
