package org.postwarden.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoctorConfigurationTest {
    @Test
    void propertiesShouldBeRead() {
        DoctorConfiguration configuration = DoctorConfiguration.from(Map.of("outboundIp", " 2001:db8::25 ",
            "heloName", "mail.example.com", "tls.certificates", "conf/cert.pem, conf/chain.pem", "tls.hostNames", "mx.example.com"));

        assertThat(configuration.outboundIp()).contains(InetAddresses.forString("2001:db8::25"));
        assertThat(configuration.heloName()).contains("mail.example.com");
        assertThat(configuration.certificateFiles()).containsExactly("conf/cert.pem", "conf/chain.pem");
        assertThat(configuration.tlsHostNames()).containsExactly("mx.example.com");
    }

    @Test
    void absentOrEmptyPropertiesShouldLeaveEverythingUnset() {
        DoctorConfiguration configuration = DoctorConfiguration.from(Map.of("outboundIp", "", "heloName", " "));

        assertThat(configuration.outboundIp()).isEmpty();
        assertThat(configuration.heloName()).isEmpty();
        assertThat(configuration.certificateFiles()).isEmpty();
    }

    @Test
    void outboundIpShouldBeAnAddress() {
        assertThatThrownBy(() -> DoctorConfiguration.from(Map.of("outboundIp", "mail.example.com")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("deliverability.properties: outboundIp=mail.example.com: expected an IPv4 or IPv6 address");
    }
}
