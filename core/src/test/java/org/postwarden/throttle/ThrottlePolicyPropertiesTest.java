package org.postwarden.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.postwarden.common.BadInput;

/** throttle.properties: unknown keys and bad limits are refused with IllegalArgumentException only. */
class ThrottlePolicyPropertiesTest {
    @Property(tries = 1500)
    void policyShouldOnlyEverFailWithIllegalArgumentException(@ForAll("properties") Map<String, String> properties) {
        try {
            assertThat(ThrottlePolicy.from(properties)).isNotNull();
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void rateLimitsShouldOnlyEverFailWithIllegalArgumentExceptionAndReadBack(@ForAll("limits") String text) {
        try {
            RateLimits limits = RateLimits.parse(text);
            assertThat(RateLimits.parse(limits.toString())).hasToString(limits.toString());
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Map<String, String>> properties() {
        Arbitrary<String> keys = BadInput.near("user.messages", "user.recipients", "user.example.com.messages",
            "newAccount.age", "newAccount.messages", "senderDomain.example.org.recipients", "ip.messages",
            "destination.gmail.com.messages", "suspend.recipients", "harvest.recipients", "harvest.block", "store");
        return BadInput.maps(keys, limits());
    }

    @Provide
    Arbitrary<String> limits() {
        return BadInput.near("100/1h, 1000/1d", "5/1m", "none", "7d", "10/1d", "1/1ms", "30/30s");
    }
}
