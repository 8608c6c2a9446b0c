package org.postwarden.deliverability;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.postwarden.config.ConfigFile;

/**
 * conf/deliverability.properties: what the doctor assumes when a request does not say.
 *
 * @param outboundIp       {@code outboundIp}: the address mail leaves from
 * @param heloName         {@code heloName}: the name the server announces in HELO/EHLO
 * @param certificateFiles {@code tls.certificates}: comma-separated PEM files, leaf first, relative to the
 *                         distribution root; none means no STARTTLS certificate is configured
 * @param tlsHostNames     {@code tls.hostNames}: the names the certificate must cover; by default the HELO
 *                         name and the MX hosts resolving to the outbound address
 */
public record DoctorConfiguration(Optional<InetAddress> outboundIp, Optional<String> heloName,
                                  List<String> certificateFiles, List<String> tlsHostNames) {
    public static final String FILE = "deliverability.properties";

    public DoctorConfiguration {
        Objects.requireNonNull(outboundIp, "outboundIp");
        Objects.requireNonNull(heloName, "heloName");
        certificateFiles = List.copyOf(certificateFiles);
        tlsHostNames = List.copyOf(tlsHostNames);
    }

    /** @throws IllegalArgumentException for an outboundIp that is not an IP address literal */
    public static DoctorConfiguration from(Map<String, String> properties) {
        return from(ConfigFile.of(FILE, properties));
    }

    public static DoctorConfiguration from(ConfigFile file) {
        Optional<InetAddress> ip = Optional.ofNullable(file.parsed("outboundIp", null, DoctorConfiguration::address));
        DoctorConfiguration config = new DoctorConfiguration(ip, file.optional("heloName"),
            file.list("tls.certificates"), file.list("tls.hostNames"));
        file.rejectUnknownKeys();
        return config;
    }

    private static InetAddress address(String text) {
        if (!InetAddresses.isInetAddress(text)) {
            throw new IllegalArgumentException("expected an IPv4 or IPv6 address");
        }
        return InetAddresses.forString(text);
    }
}
