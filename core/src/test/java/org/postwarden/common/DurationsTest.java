package org.postwarden.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
        "1500ms, PT1.5S",
        "300s, PT5M",
        "5m, PT5M",
        "12h, PT12H",
        "2d, PT48H",
        "35d, PT840H",
        "' 5 M ', PT5M",
        "PT5M, PT5M",
        "p2d, PT48H",
    })
    void parseShouldAcceptAmountsWithUnitsAndIso8601(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "300", "5 minutes", "-5m", "1.5h", "5w", "m", "P", "99999999999999999999d"})
    void parseShouldRejectOtherInputNamingIt(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + text + "'")
            .hasMessageContaining("5m");
    }

    /** Found by DurationsPropertiesTest: amounts that fit a long but not a Duration threw ArithmeticException. */
    @ParameterizedTest
    @ValueSource(strings = {"221474832147483648d", "521474832147483648m", "9223372036854775807h"})
    void parseShouldRejectDurationsTooLongForJavaNamingThem(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + text + "'");
    }
}
