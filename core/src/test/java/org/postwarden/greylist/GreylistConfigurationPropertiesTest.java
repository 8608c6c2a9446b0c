package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.testing.Fuzz;

/** greylist.properties and the admin whitelist rules: bad values are refused with IllegalArgumentException only. */
class GreylistConfigurationPropertiesTest {
    private static final Function<Random, String> RULE_VALUES = BadInput.near("192.0.2.0/24", "2001:db8::/32",
        "192.0.2.1", "::1/128", "mail\\.example\\.com$", "example.com", ".example.com.", "postmaster@example.com",
        "<SRS0=HHH=TT=orig.example=user@fwd.example>", "prvs=1234567890=user+tag@example.com");

    private record Rule(WhitelistEntry.Kind kind, String value) {
    }

    @Test
    void configurationShouldOnlyEverFailWithIllegalArgumentException() {
        Function<Random, String> keys = BadInput.oneOf(GreylistConfiguration.IPV4_PREFIX, GreylistConfiguration.IPV6_PREFIX,
            GreylistConfiguration.DELAY, GreylistConfiguration.RETRY_WINDOW, GreylistConfiguration.EXPIRY,
            GreylistConfiguration.AUTO_WHITELIST_THRESHOLD);
        Function<Random, String> values = BadInput.near("24", "64", "0", "300s", "5m", "4h", "36d", "PT5M", "5");

        Fuzz.forAll("greylist.properties reads or fails with IllegalArgumentException", 1500,
            BadInput.maps(keys, values, 6), properties -> {
                try {
                    assertThat(GreylistConfiguration.from(properties)).isNotNull();
                } catch (IllegalArgumentException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            });
    }

    @Test
    void whitelistEntriesShouldOnlyEverFailWithIllegalArgumentException() {
        Fuzz.forAll("whitelist entries are created or fail with IllegalArgumentException", 2000,
            random -> new Rule(BadInput.oneOf(WhitelistEntry.Kind.values()).apply(random), RULE_VALUES.apply(random)),
            rule -> {
                try {
                    WhitelistEntry entry = WhitelistEntry.create(rule.kind(), rule.value(), "", Instant.EPOCH);
                    assertThat(WhitelistEntry.create(rule.kind(), entry.value(), "", Instant.EPOCH).value())
                        .isEqualTo(entry.value());
                } catch (IllegalArgumentException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            });
    }

    @Test
    void networksShouldOnlyEverFailWithIllegalArgumentExceptionAndReadBack() {
        Fuzz.forAll("networks parse and read back or fail with IllegalArgumentException", 2000, RULE_VALUES, cidr -> {
            try {
                ClientNetwork network = ClientNetwork.parse(cidr);
                assertThat(ClientNetwork.parse(network.toString())).isEqualTo(network);
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        });
    }

    @Test
    void senderNormalizationShouldAcceptAnything() {
        Fuzz.forAll("sender normalization accepts anything", 2000, RULE_VALUES,
            sender -> assertThat(SenderNormalizer.normalize(sender)).isNotNull());
    }
}
