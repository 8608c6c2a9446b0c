package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.postwarden.common.BadInput;

/** greylist.properties and the admin whitelist rules: bad values are refused with IllegalArgumentException only. */
class GreylistConfigurationPropertiesTest {
    @Property(tries = 1500)
    void configurationShouldOnlyEverFailWithIllegalArgumentException(@ForAll("properties") Map<String, String> properties) {
        try {
            assertThat(GreylistConfiguration.from(properties)).isNotNull();
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void whitelistEntriesShouldOnlyEverFailWithIllegalArgumentException(@ForAll WhitelistEntry.Kind kind,
                                                                        @ForAll("ruleValues") String value) {
        try {
            WhitelistEntry entry = WhitelistEntry.create(kind, value, "", java.time.Instant.EPOCH);
            assertThat(WhitelistEntry.create(kind, entry.value(), "", java.time.Instant.EPOCH).value())
                .isEqualTo(entry.value());
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void networksShouldOnlyEverFailWithIllegalArgumentExceptionAndReadBack(@ForAll("ruleValues") String cidr) {
        try {
            ClientNetwork network = ClientNetwork.parse(cidr);
            assertThat(ClientNetwork.parse(network.toString())).isEqualTo(network);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void senderNormalizationShouldAcceptAnything(@ForAll("ruleValues") String sender) {
        assertThat(SenderNormalizer.normalize(sender)).isNotNull();
    }

    @Provide
    Arbitrary<Map<String, String>> properties() {
        Arbitrary<String> keys = Arbitraries.of(GreylistConfiguration.IPV4_PREFIX, GreylistConfiguration.IPV6_PREFIX,
            GreylistConfiguration.DELAY, GreylistConfiguration.RETRY_WINDOW, GreylistConfiguration.EXPIRY,
            GreylistConfiguration.AUTO_WHITELIST_THRESHOLD);
        Arbitrary<String> values = BadInput.near("24", "64", "0", "300s", "5m", "4h", "36d", "PT5M", "5");
        return Arbitraries.maps(keys, values).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> ruleValues() {
        return BadInput.near("192.0.2.0/24", "2001:db8::/32", "192.0.2.1", "::1/128", "mail\\.example\\.com$",
            "example.com", ".example.com.", "postmaster@example.com", "<SRS0=HHH=TT=orig.example=user@fwd.example>",
            "prvs=1234567890=user+tag@example.com");
    }
}
