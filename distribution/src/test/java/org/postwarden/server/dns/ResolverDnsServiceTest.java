package org.postwarden.server.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.junit.jupiter.api.Test;
import org.postwarden.dns.StaticZone;

class ResolverDnsServiceTest {
    private final StaticZone zone = StaticZone.builder()
        .mx("example.com", 20, "backup.example.com")
        .mx("example.com", 10, "mx.example.com")
        .a("mx.example.com", "192.0.2.10")
        .aaaa("mx.example.com", "2001:db8::10")
        .a("no-mx.example.com", "192.0.2.20")
        .txt("example.com", "v=spf1 -all")
        .ptr("192.0.2.10", "mx.example.com")
        .timeout("slow.example")
        .build();
    private final ResolverDnsService dnsService = new ResolverDnsService(zone);

    @Test
    void findMXRecordsShouldReturnExchangesInPreferenceOrder() throws Exception {
        assertThat(dnsService.findMXRecords("example.com")).containsExactly("mx.example.com", "backup.example.com");
    }

    @Test
    void findMXRecordsShouldFallBackToTheDomainItselfWhenItHasNoMx() throws Exception {
        assertThat(dnsService.findMXRecords("no-mx.example.com")).containsExactly("no-mx.example.com");
    }

    @Test
    void findMXRecordsShouldBeEmptyForAnUnknownDomain() throws Exception {
        assertThat(dnsService.findMXRecords("unknown.example")).isEmpty();
    }

    @Test
    void findMXRecordsShouldReportATemporaryFailureOnTimeout() {
        assertThatThrownBy(() -> dnsService.findMXRecords("slow.example"))
            .isInstanceOf(TemporaryResolutionException.class)
            .hasMessageContaining("timeout");
    }

    @Test
    void getAllByNameShouldReturnIpv4AndIpv6Addresses() throws Exception {
        assertThat(dnsService.getAllByName("mx.example.com"))
            .containsExactly(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("2001:db8::10"));
    }

    @Test
    void getByNameShouldNotQueryDnsForAddressLiterals() throws Exception {
        assertThat(dnsService.getByName("[192.0.2.99]")).isEqualTo(InetAddress.getByName("192.0.2.99"));
        assertThat(zone.queries()).isEmpty();
    }

    @Test
    void getByNameShouldResolveLocalhostToLoopback() throws Exception {
        assertThat(dnsService.getByName("localhost").isLoopbackAddress()).isTrue();
    }

    @Test
    void getByNameShouldThrowForAnUnknownHost() {
        assertThatThrownBy(() -> dnsService.getByName("unknown.example")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void getHostNameShouldUseThePtrRecordOrFallBackToTheAddress() throws Exception {
        assertThat(dnsService.getHostName(InetAddress.getByName("192.0.2.10"))).isEqualTo("mx.example.com");
        assertThat(dnsService.getHostName(InetAddress.getByName("192.0.2.11"))).isEqualTo("192.0.2.11");
    }

    @Test
    void findTXTRecordsShouldReturnTheTexts() {
        assertThat(dnsService.findTXTRecords("example.com")).containsExactly("v=spf1 -all");
    }
}
