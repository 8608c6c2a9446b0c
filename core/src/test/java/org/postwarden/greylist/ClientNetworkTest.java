package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientNetworkTest {
    @ParameterizedTest
    @CsvSource({
        "192.0.2.77, 192.0.2.0/24",
        "::ffff:192.0.2.77, 192.0.2.0/24",
        "2001:db8:1:2:aaaa::1, 2001:db8:1:2::/64",
        "2001:DB8:0:0:1::1, 2001:db8::/64",
    })
    void ofShouldGroupClientsByDefaultPrefixes(String client, String network) {
        assertThat(ClientNetwork.of(InetAddresses.forString(client), GreylistConfiguration.DEFAULT))
            .hasToString(network);
    }

    @Test
    void ofShouldUseConfiguredPrefixes() {
        GreylistConfiguration exact = new GreylistConfiguration(32, 128, Duration.ofMinutes(5), Duration.ofDays(2),
            Duration.ofDays(35), 5);

        assertThat(ClientNetwork.of(InetAddresses.forString("192.0.2.77"), exact)).hasToString("192.0.2.77/32");
        assertThat(ClientNetwork.of(InetAddresses.forString("2001:db8::1"), exact)).hasToString("2001:db8::1/128");
    }

    @ParameterizedTest
    @CsvSource({
        "192.0.2.7, 192.0.2.7/32",
        "192.0.2.7/20, 192.0.0.0/20",
        "' 2001:db8::/32 ', 2001:db8::/32",
        "::/0, ::/0",
    })
    void parseShouldCanonicalise(String cidr, String canonical) {
        assertThat(ClientNetwork.parse(cidr)).hasToString(canonical);
    }

    @Test
    void parseShouldRejectNamesAndBadPrefixes() {
        assertThatThrownBy(() -> ClientNetwork.parse("mail.example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientNetwork.parse("192.0.2.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientNetwork.parse("192.0.2.0/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void containsShouldCompareOnlyTheNetworkBitsOfTheSameFamily() {
        ClientNetwork v4 = ClientNetwork.parse("192.0.2.128/25");
        ClientNetwork v6 = ClientNetwork.parse("2001:db8::/32");

        assertThat(v4.contains(InetAddresses.forString("192.0.2.200"))).isTrue();
        assertThat(v4.contains(InetAddresses.forString("192.0.2.127"))).isFalse();
        assertThat(v4.contains(InetAddresses.forString("::ffff:192.0.2.200"))).isTrue();
        assertThat(v6.contains(InetAddresses.forString("2001:db8:ffff::1"))).isTrue();
        assertThat(v6.contains(InetAddresses.forString("2001:db9::1"))).isFalse();
        assertThat(ClientNetwork.parse("::/0").contains(InetAddresses.forString("192.0.2.1"))).isFalse();
    }
}
