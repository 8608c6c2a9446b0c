package org.postwarden.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReverseSrsPolicyTest {

    @Test
    void defaultsShouldTakeOnlyBouncesFiveAnAddressADayAndAHundredAClientAnHour() {
        ReverseSrsPolicy policy = ReverseSrsPolicy.from(Map.of());

        assertThat(policy).isEqualTo(ReverseSrsPolicy.DEFAULT);
        assertThat(policy.acceptsAutoReplies()).isFalse();
        assertThat(policy.perAddress()).hasToString("5/1d");
        assertThat(policy.perClient()).hasToString("100/1h");
    }

    @Test
    void keysShouldBeRead() {
        ReverseSrsPolicy policy = ReverseSrsPolicy.from(Map.of("reverse.accept", " Bounces , auto-replies ",
            "reverse.perAddress", "none", "reverse.perClient", "10/1m, 50/1h"));

        assertThat(policy.acceptsAutoReplies()).isTrue();
        assertThat(policy.perAddress().isEmpty()).isTrue();
        assertThat(policy.perClient()).hasToString("10/1m, 50/1h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto-replies", "everything", "bounces,all", ""})
    void anUnknownAcceptShouldBeAStartUpErrorNamingTheKey(String accept) {
        assertThatThrownBy(() -> ReverseSrsPolicy.from(Map.of("reverse.accept", accept)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("srs.properties: reverse.accept");
    }

    @Test
    void aBadLimitShouldBeAStartUpErrorNamingTheKey() {
        assertThatThrownBy(() -> ReverseSrsPolicy.from(Map.of("reverse.perClient", "lots")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("srs.properties: reverse.perClient");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto-replied", "Auto-Generated", " auto-notified ", "auto-replied; owner-email=a@b.example",
        "(vacation) auto-replied"})
    void anAutoSubmittedKeywordOtherThanNoShouldBeAutomatic(String value) {
        assertThat(ReverseSrsPolicy.isAutomatic(value)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"no", " NO ", "no (a person wrote this)", "", "; x=y"})
    void noOrNoHeaderShouldNotBeAutomatic(String value) {
        assertThat(ReverseSrsPolicy.isAutomatic(value)).isFalse();
    }
}
