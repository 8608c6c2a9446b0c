package org.postwarden.dns;

import java.util.Locale;
import java.util.Objects;

/** Domain names compare case-insensitively (RFC 4343) and with or without the root dot. */
final class DnsNames {
    private DnsNames() {
    }

    static String normalize(String name) {
        Objects.requireNonNull(name, "name");
        String lowerCase = name.toLowerCase(Locale.ROOT);
        return lowerCase.endsWith(".") ? lowerCase.substring(0, lowerCase.length() - 1) : lowerCase;
    }
}
