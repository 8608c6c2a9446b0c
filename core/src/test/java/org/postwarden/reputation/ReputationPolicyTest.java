package org.postwarden.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReputationPolicyTest {
    @Test
    void defaultsShouldBeADayTwentyMessagesAndTenPercent() {
        ReputationPolicy policy = ReputationPolicy.from(Map.of());

        assertThat(policy).isEqualTo(new ReputationPolicy(Duration.ofDays(1), 20, 0.10, true));
        assertThat(policy.windowLabel()).isEqualTo("1d");
        assertThat(policy.bucket()).isEqualTo(Duration.ofMinutes(24));
    }

    @Test
    void propertiesShouldOverrideTheDefaults() {
        ReputationPolicy policy = ReputationPolicy.from(Map.of("window", "90m", "minMessages", "5",
            "maxBadShare", "0.3", "suspend", "false"));

        assertThat(policy).isEqualTo(new ReputationPolicy(Duration.ofMinutes(90), 5, 0.3, false));
        assertThat(policy.windowLabel()).isEqualTo("90m");
    }

    @Test
    void accountsShouldBeCondemnedOnlyAboveTheShareAndFromTheMinimumVolume() {
        ReputationPolicy policy = new ReputationPolicy(Duration.ofDays(1), 10, 0.10, true);

        assertThat(policy.condemns(new ReputationCounts(9, 9, 0, 0))).isFalse();
        assertThat(policy.condemns(new ReputationCounts(10, 1, 0, 0))).isFalse();
        assertThat(policy.condemns(new ReputationCounts(10, 1, 1, 0))).isTrue();
        assertThat(policy.condemns(new ReputationCounts(20, 0, 0, 3))).isTrue();
    }

    @Test
    void badValuesShouldBeRefusedNamingTheKey() {
        assertThatThrownBy(() -> ReputationPolicy.from(Map.of("maxBadShare", "10%")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBadShare");
        assertThatThrownBy(() -> ReputationPolicy.from(Map.of("maxBadShare", "1.5")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBadShare");
        assertThatThrownBy(() -> ReputationPolicy.from(Map.of("minMessages", "0")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minMessages");
        assertThatThrownBy(() -> ReputationPolicy.from(Map.of("minMessages", "many")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minMessages");
        assertThatThrownBy(() -> ReputationPolicy.from(Map.of("window", "10s")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> ReputationPolicy.from(Map.of("suspend", "yes")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("suspend");
    }
}
