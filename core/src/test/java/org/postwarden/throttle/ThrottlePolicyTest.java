package org.postwarden.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThrottlePolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final ThrottleKey ALICE = ThrottleKey.user("alice@example.com");
    private static final ThrottleKey BOB = ThrottleKey.user("bob@big.example");
    private static final ThrottlePolicy POLICY = ThrottlePolicy.from(Map.of(
        "user.messages", "100/1h, 1000/1d",
        "user.recipients", "500/1h",
        "user.Big.Example.messages", "1000/1h",
        "newAccount.age", "3d",
        "senderDomain.messages", "5000/1h",
        "ip.recipients", "200/1m",
        "destination.gmail.com.messages", "60/1m",
        "suspend.messages", "300/1h",
        "harvest.recipients", "10/5m",
        "harvest.block", "1h"));

    @Test
    void missingKeysShouldTakeTheDefaults() {
        assertThat(ThrottlePolicy.from(Map.of("delay", "5m"))).isEqualTo(ThrottlePolicy.DEFAULT);
        assertThat(ThrottlePolicy.DEFAULT.newAccounts().messages()).contains(RateLimits.parse("10/1d"));
        assertThat(ThrottlePolicy.DEFAULT.newAccounts().age()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void everyScopeShouldBeRead() {
        assertThat(POLICY.users().defaults()).isEqualTo(quota("100/1h, 1000/1d", "500/1h"));
        assertThat(POLICY.senderDomains().forDomain("example.com")).isEqualTo(quota("5000/1h", "none"));
        assertThat(POLICY.clientIps()).isEqualTo(quota("none", "200/1m"));
        assertThat(POLICY.destinations().forDomain("gmail.com")).isEqualTo(quota("60/1m", "none"));
        assertThat(POLICY.destinations().forDomain("example.net")).isEqualTo(Quota.NONE);
        assertThat(POLICY.suspension()).isEqualTo(quota("300/1h", "none"));
        assertThat(POLICY.harvest()).isEqualTo(RateLimits.parse("10/5m"));
        assertThat(POLICY.harvestBlock()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void accountsShouldGetTheirDomainsLimitsAndTheDefaultForTheOtherUnit() {
        assertThat(POLICY.tier(BOB, Optional.empty(), Optional.empty(), NOW))
            .isEqualTo(new Tier("domain:big.example", quota("1000/1h", "500/1h")));
        assertThat(POLICY.tier(ALICE, Optional.empty(), Optional.empty(), NOW))
            .isEqualTo(new Tier("default", quota("100/1h, 1000/1d", "500/1h")));
    }

    @Test
    void youngAccountsShouldGetTheNewAccountTierUntilTheyGraduate() {
        Instant created = NOW.minus(Duration.ofDays(3)).plusSeconds(1);

        assertThat(POLICY.tier(BOB, Optional.empty(), Optional.of(created), NOW))
            .isEqualTo(new Tier("new-account", quota("10/1d", "500/1h")));
        assertThat(POLICY.tier(BOB, Optional.empty(), Optional.of(created), NOW.plusSeconds(1)).name())
            .isEqualTo("domain:big.example");
    }

    @Test
    void anOverrideShouldWinOverEveryTier() {
        Quota override = quota("none", "5/1m");

        assertThat(POLICY.tier(ALICE, Optional.of(override), Optional.of(NOW), NOW))
            .isEqualTo(new Tier("override", override));
    }

    @Test
    void aZeroAgeShouldTurnTheNewAccountTierOff() {
        ThrottlePolicy policy = ThrottlePolicy.from(Map.of("newAccount.age", "0d"));

        assertThat(policy.tier(ALICE, Optional.empty(), Optional.of(NOW), NOW).name()).isEqualTo("default");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "user.limits | 5/1m | throttle.properties: user.limits=5/1m: unknown key: expected user.{messages|recipients} or "
            + "user.<domain>.{messages|recipients}",
        "ip.192.0.2.7.messages | 5/1m | throttle.properties: ip.192.0.2.7.messages=5/1m: unknown key: expected "
            + "ip.{messages|recipients}",
        "destination.recipients | 5/1m | throttle.properties: destination.recipients=5/1m: unknown key",
        "harvest | 5/1m | throttle.properties: harvest=5/1m: unknown key",
        "user.messages | 5 per minute | throttle.properties: user.messages=5 per minute: Invalid rate limit '5 per minute'",
        "newAccount.age | a week | throttle.properties: newAccount.age=a week: expected a duration",
        "harvest.block | 0s | throttle.properties: harvest.block must be at least 1ms"})
    void badPropertiesShouldBeRefusedWithAClearMessage(String key, String value, String message) {
        assertThatThrownBy(() -> ThrottlePolicy.from(Map.of(key, value)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(message);
    }

    private static Quota quota(String messages, String recipients) {
        return new Quota(RateLimits.parse(messages), RateLimits.parse(recipients));
    }
}
