package org.postwarden.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import org.junit.jupiter.api.Test;

class ReverseNameTest {
    @Test
    void ofShouldReverseIpv4OctetsUnderInAddrArpa() {
        assertThat(ReverseName.of(InetAddresses.forString("192.0.2.1"))).isEqualTo("1.2.0.192.in-addr.arpa");
    }

    @Test
    void ofShouldReverseIpv6NibblesUnderIp6Arpa() {
        // RFC 3596 §2.5 example
        assertThat(ReverseName.of(InetAddresses.forString("4321:0:1:2:3:4:567:89ab")))
            .isEqualTo("b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa");
    }

    @Test
    void ofShouldWriteEveryNibbleOfCompressedIpv6() {
        assertThat(ReverseName.of(InetAddresses.forString("2001:db8::1")))
            .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    }

    @Test
    void reverseShouldLookUpPtrUnderTheReverseName() {
        StaticZone zone = StaticZone.builder().ptr("192.0.2.1", "mail.example.com").build();

        DnsAnswer answer = zone.reverse(InetAddresses.forString("192.0.2.1"));

        assertThat(answer.hostnames()).containsExactly("mail.example.com");
        assertThat(zone.queries()).containsExactly("PTR 1.2.0.192.in-addr.arpa");
    }
}
