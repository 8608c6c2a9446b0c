package org.postwarden.deliverability;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The DNS names a server certificate is for, and whether it covers a host name (RFC 6125 §6.4). */
final class CertificateNames {
    private static final int DNS_NAME = 2;

    private CertificateNames() {
    }

    /** The subjectAltName dNSName entries; the subject CN only when there are none (RFC 6125 §6.4.4). */
    static List<String> of(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    if (((Integer) entry.get(0)) == DNS_NAME) {
                        names.add(((String) entry.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return names;
        }
        if (names.isEmpty()) {
            commonName(certificate).ifPresent(names::add);
        }
        return names;
    }

    /** A leftmost {@code *} label matches exactly one label (RFC 6125 §6.4.3). */
    static boolean covers(List<String> names, String host) {
        for (String name : names) {
            if (name.equals(host)) {
                return true;
            }
            if (name.startsWith("*.")) {
                int dot = host.indexOf('.');
                if (dot > 0 && host.substring(dot + 1).equals(name.substring(2))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString().toLowerCase(Locale.ROOT));
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
