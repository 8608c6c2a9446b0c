package org.postwarden.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SrsTimestampTest {
    private static final Instant DAY_854 = Instant.ofEpochSecond(1_577_836_860L);

    @Test
    void timestampShouldBeTheDayModulo1024InBase32() {
        assertThat(SrsTimestamp.at(DAY_854)).isEqualTo(new SrsTimestamp(854));
        assertThat(SrsTimestamp.at(DAY_854).encoded()).isEqualTo("2W");
        assertThat(new SrsTimestamp(0).encoded()).isEqualTo("AA");
        assertThat(new SrsTimestamp(32).encoded()).isEqualTo("BA");
        assertThat(new SrsTimestamp(1023).encoded()).isEqualTo("77");
    }

    @Test
    void dayShouldWrapEvery1024Days() {
        Instant cycleStart = Instant.ofEpochSecond(1024L * 86_400);

        assertThat(SrsTimestamp.at(cycleStart.minusSeconds(1)).encoded()).isEqualTo("77");
        assertThat(SrsTimestamp.at(cycleStart).encoded()).isEqualTo("AA");
        assertThat(SrsTimestamp.at(Instant.ofEpochSecond(-1)).encoded()).isEqualTo("77");
    }

    @Test
    void parseShouldIgnoreCase() throws SrsException {
        assertThat(SrsTimestamp.parse("2w")).isEqualTo(new SrsTimestamp(854));
        assertThat(SrsTimestamp.parse("2W")).isEqualTo(new SrsTimestamp(854));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "AAA", "0A", "1A", "A8", "A=", "Aé"})
    void anythingButTwoBase32CharactersShouldBeMalformed(String text) {
        assertThatThrownBy(() -> SrsTimestamp.parse(text)).isInstanceOfSatisfying(SrsException.class,
            e -> assertThat(e.reason()).isEqualTo(SrsException.Reason.MALFORMED));
    }

    @Test
    void ageShouldCountWholeDays() {
        SrsTimestamp stamp = SrsTimestamp.at(DAY_854);

        assertThat(stamp.ageInDays(DAY_854)).isZero();
        assertThat(stamp.ageInDays(DAY_854.plus(Duration.ofDays(21)))).isEqualTo(21);
        assertThat(stamp.ageInDays(DAY_854.plus(Duration.ofDays(1024)))).isZero();
    }

    @Test
    void ageShouldSpanTheWrap() {
        assertThat(new SrsTimestamp(1020).ageInDays(Instant.ofEpochSecond(1026L * 86_400))).isEqualTo(6);
    }

    @Test
    void futureDayShouldBeTakenFromThePreviousCycle() {
        assertThat(SrsTimestamp.at(DAY_854).ageInDays(DAY_854.minus(Duration.ofDays(1)))).isEqualTo(1023);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1024})
    void dayOutsideTheCycleShouldBeRefused(int day) {
        assertThatThrownBy(() -> new SrsTimestamp(day)).isInstanceOf(IllegalArgumentException.class);
    }
}
