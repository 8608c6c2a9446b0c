package org.postwarden.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link OverrideStore} shares. */
public interface OverrideStoreContract {
    ThrottleKey ALICE = ThrottleKey.user("alice@example.com");
    Quota GENEROUS = new Quota(RateLimits.parse("1000/1h, 10000/1d"), RateLimits.NONE);
    Quota STRICT = new Quota(RateLimits.parse("1/1m"), RateLimits.parse("5/1h"));

    OverrideStore overrides();

    @Test
    default void anOverrideShouldBeFoundUnderEverySpellingOfTheAccount() {
        overrides().setOverride(ThrottleKey.user("Alice+list@Example.com"), GENEROUS);

        assertThat(overrides().override(ALICE)).contains(GENEROUS);
        assertThat(overrides().override(ThrottleKey.user("bob@example.com"))).isEmpty();
    }

    @Test
    default void settingAgainShouldReplace() {
        overrides().setOverride(ALICE, GENEROUS);
        overrides().setOverride(ALICE, STRICT);

        assertThat(overrides().override(ALICE)).contains(STRICT);
    }

    @Test
    default void removingShouldForgetTheOverride() {
        overrides().setOverride(ALICE, GENEROUS);

        assertThat(overrides().removeOverride(ALICE)).isTrue();
        assertThat(overrides().removeOverride(ALICE)).isFalse();
        assertThat(overrides().override(ALICE)).isEmpty();
    }

    @Test
    default void overridesShouldBeListedByUser() {
        overrides().setOverride(ThrottleKey.user("carol@example.com"), STRICT);
        overrides().setOverride(ALICE, GENEROUS);

        assertThat(overrides().overrides()).containsExactly(
            Map.entry("alice@example.com", GENEROUS), Map.entry("carol@example.com", STRICT));
    }
}
