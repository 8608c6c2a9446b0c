package org.postwarden.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitsTest {
    @Test
    void severalWindowsShouldBeParsedInOrder() {
        assertThat(RateLimits.parse(" 5/1m, 100 / 1h,500/1d ").limits()).containsExactly(
            new RateLimit("5/1m", 5, Duration.ofMinutes(1)),
            new RateLimit("100/1h", 100, Duration.ofHours(1)),
            new RateLimit("500/1d", 500, Duration.ofDays(1)));
    }

    @Test
    void theTextShouldBeReadBack() {
        RateLimits limits = RateLimits.parse("5/1m,100/PT1H");

        assertThat(limits).hasToString("5/1m, 100/PT1H");
        assertThat(RateLimits.parse(limits.toString())).isEqualTo(limits);
    }

    @Test
    void noneShouldMeanNoLimit() {
        assertThat(RateLimits.parse("None")).isEqualTo(RateLimits.NONE);
        assertThat(RateLimits.NONE).hasToString("none");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5 per minute | Invalid rate limit '5 per minute': expected <count>/<duration> such as 100/1h",
        "five/1m | Invalid rate limit 'five/1m': 'five' is not a whole number",
        "5/1w | Invalid duration '1w'",
        "0/1m | Rate limit '0/1m': the count must be at least 1",
        "5/0s | Rate limit '5/0s': the window must be a whole number of milliseconds, at least 1ms",
        "5/1m, 7/60s | Rate limits '5/1m, 7/60s': two limits share the window PT1M",
        "5/1m, | Invalid rate limit '': expected <count>/<duration>",
        "'' | Empty rate limits",
        "1000000000/1d | Rate limit '1000000000/1d': count times window in milliseconds must stay below 2^53"})
    void badTextShouldBeRefusedWithAClearMessage(String text, String message) {
        assertThatThrownBy(() -> RateLimits.parse(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(message);
    }
}
