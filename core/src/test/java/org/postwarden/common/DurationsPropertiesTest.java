package org.postwarden.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class DurationsPropertiesTest {
    @Property(tries = 2000)
    void parseShouldOnlyEverFailWithIllegalArgumentException(@ForAll("durations") String text) {
        try {
            assertThat(Durations.parse(text)).isNotNull();
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).startsWith("Invalid duration");
        }
    }

    @Property(tries = 1000)
    void secondsShouldReadBack(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long seconds) {
        assertThat(Durations.parse(seconds + "s")).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(Durations.parse(Duration.ofSeconds(seconds).toString())).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Provide
    Arbitrary<String> durations() {
        return BadInput.near("300s", "5m", "12h", "2d", "1500ms", "PT5M", "P2DT3H", " 10 s ");
    }
}
