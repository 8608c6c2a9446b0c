package org.postwarden.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.postwarden.testing.Fuzz;

class DurationsPropertiesTest {
    @Test
    void parseShouldOnlyEverFailWithIllegalArgumentException() {
        Fuzz.forAll("durations parse or fail with IllegalArgumentException", 2000,
            BadInput.near("300s", "5m", "12h", "2d", "1500ms", "PT5M", "P2DT3H", " 10 s "), text -> {
                try {
                    assertThat(Durations.parse(text)).isNotNull();
                } catch (IllegalArgumentException expected) {
                    assertThat(expected.getMessage()).startsWith("Invalid duration");
                }
            });
    }

    @Test
    void secondsShouldReadBack() {
        Fuzz.forAll("seconds read back", 1000, BadInput.oneOfGenerators(random -> (long) random.nextInt(100),
            random -> random.nextLong(1_000_000_000_001L), BadInput.oneOf(0L, 1_000_000_000_000L)), seconds -> {
            assertThat(Durations.parse(seconds + "s")).isEqualTo(Duration.ofSeconds(seconds));
            assertThat(Durations.parse(Duration.ofSeconds(seconds).toString())).isEqualTo(Duration.ofSeconds(seconds));
        });
    }
}
