package org.postwarden.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.testing.Fuzz;

/** throttle.properties: unknown keys and bad limits are refused with IllegalArgumentException only. */
class ThrottlePolicyPropertiesTest {
    private static final Function<Random, String> LIMITS = BadInput.near("100/1h, 1000/1d", "5/1m", "none", "7d", "10/1d",
        "1/1ms", "30/30s");

    @Test
    void policyShouldOnlyEverFailWithIllegalArgumentException() {
        Function<Random, String> keys = BadInput.near("user.messages", "user.recipients", "user.example.com.messages",
            "newAccount.age", "newAccount.messages", "senderDomain.example.org.recipients", "ip.messages",
            "destination.gmail.com.messages", "suspend.recipients", "harvest.recipients", "harvest.block", "store");

        Fuzz.forAll("throttle.properties reads or fails with IllegalArgumentException", 1500, BadInput.maps(keys, LIMITS),
            properties -> {
                try {
                    assertThat(ThrottlePolicy.from(properties)).isNotNull();
                } catch (IllegalArgumentException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            });
    }

    @Test
    void rateLimitsShouldOnlyEverFailWithIllegalArgumentExceptionAndReadBack() {
        Fuzz.forAll("rate limits parse and read back or fail with IllegalArgumentException", 2000, LIMITS, text -> {
            try {
                RateLimits limits = RateLimits.parse(text);
                assertThat(RateLimits.parse(limits.toString())).hasToString(limits.toString());
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        });
    }
}
