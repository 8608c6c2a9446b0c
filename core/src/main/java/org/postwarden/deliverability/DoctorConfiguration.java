package org.postwarden.deliverability;

import com.google.common.base.Splitter;
import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    private static final Splitter LIST = Splitter.on(',').trimResults().omitEmptyStrings();

    public DoctorConfiguration {
        Objects.requireNonNull(outboundIp, "outboundIp");
        Objects.requireNonNull(heloName, "heloName");
        certificateFiles = List.copyOf(certificateFiles);
        tlsHostNames = List.copyOf(tlsHostNames);
    }

    /** @throws IllegalArgumentException for an outboundIp that is not an IP address literal */
    public static DoctorConfiguration from(Map<String, String> properties) {
        Optional<String> ip = value(properties, "outboundIp");
        if (ip.isPresent() && !InetAddresses.isInetAddress(ip.get())) {
            throw new IllegalArgumentException("outboundIp must be an IPv4 or IPv6 address, got \"" + ip.get() + "\"");
        }
        return new DoctorConfiguration(ip.map(InetAddresses::forString), value(properties, "heloName"),
            LIST.splitToList(properties.getOrDefault("tls.certificates", "")),
            LIST.splitToList(properties.getOrDefault("tls.hostNames", "")));
    }

    private static Optional<String> value(Map<String, String> properties, String key) {
        return Optional.ofNullable(properties.get(key)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
