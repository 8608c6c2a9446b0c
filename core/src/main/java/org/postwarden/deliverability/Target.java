package org.postwarden.deliverability;

import com.google.common.base.Preconditions;
import com.google.common.net.InternetDomainName;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the doctor examines: a sending domain, and the address and HELO name its mail leaves with, when known.
 * Names are kept lower-case, without root dot.
 */
public record Target(String domain, Optional<InetAddress> outboundIp, Optional<String> helo) {
    public Target {
        domain = normalize(Objects.requireNonNull(domain, "domain"));
        Preconditions.checkArgument(InternetDomainName.isValid(domain) && domain.contains("."),
            "not a domain name: \"%s\"", domain);
        Objects.requireNonNull(outboundIp, "outboundIp");
        helo = helo.map(Target::normalize).filter(name -> !name.isEmpty());
    }

    private static String normalize(String name) {
        String lowerCase = name.strip().toLowerCase(Locale.ROOT);
        return lowerCase.endsWith(".") ? lowerCase.substring(0, lowerCase.length() - 1) : lowerCase;
    }
}
