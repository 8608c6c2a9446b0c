package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GreylistConfigurationTest {
    @Test
    void defaultsShouldMatchTheProductRequirement() {
        assertThat(GreylistConfiguration.DEFAULT).isEqualTo(new GreylistConfiguration(24, 64,
            Duration.ofMinutes(5), Duration.ofDays(2), Duration.ofDays(35), 5));
    }

    @Test
    void fromShouldUseDefaultsForMissingKeysAndIgnoreOthers() {
        assertThat(GreylistConfiguration.from(Map.of("enabled", "true", "delay", " ")))
            .isEqualTo(GreylistConfiguration.DEFAULT);
    }

    @Test
    void fromShouldReadEveryKey() {
        Map<String, String> properties = Map.of(
            "ipv4.prefix", "32",
            "ipv6.prefix", "48",
            "delay", "300s",
            "retry.window", "12h",
            "expiry", "PT720H",
            "autowhitelist.threshold", "0");

        assertThat(GreylistConfiguration.from(properties)).isEqualTo(new GreylistConfiguration(32, 48,
            Duration.ofMinutes(5), Duration.ofHours(12), Duration.ofDays(30), 0));
    }

    @Test
    void fromShouldNameTheKeyOfABadValue() {
        assertThatThrownBy(() -> GreylistConfiguration.from(Map.of("retry.window", "2 days")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("greylist.properties: retry.window=2 days: expected a duration");
        assertThatThrownBy(() -> GreylistConfiguration.from(Map.of("ipv4.prefix", "/24")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("greylist.properties: ipv4.prefix=/24: expected a whole number");
    }

    @Test
    void constructorShouldRejectInconsistentSettings() {
        assertThatThrownBy(() -> GreylistConfiguration.from(Map.of("ipv4.prefix", "8")))
            .hasMessageContaining("between 16 and 32");
        assertThatThrownBy(() -> GreylistConfiguration.from(Map.of("ipv6.prefix", "129")))
            .hasMessageContaining("between 32 and 128");
        assertThatThrownBy(() -> GreylistConfiguration.from(Map.of("delay", "3d")))
            .hasMessageContaining("retry.window (PT48H) must be longer than delay (PT72H)");
        assertThatThrownBy(() -> GreylistConfiguration.from(Map.of("expiry", "0s")))
            .hasMessageContaining("expiry must be positive");
        assertThatThrownBy(() -> GreylistConfiguration.from(Map.of("autowhitelist.threshold", "-1")))
            .hasMessageContaining("must not be negative");
    }
}
