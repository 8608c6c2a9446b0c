package org.postwarden.common;

import java.net.IDN;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The two spellings of an internationalized domain name (RFC 5890): the ASCII "xn--" A-label form, which DNS and
 * SMTP without SMTPUTF8 use, and the Unicode U-label form people type. A name that is not a valid IDN keeps the one
 * spelling it has.
 */
public final class DomainSpellings {

    private DomainSpellings() {
    }

    /** The A-label form, lower case: the one spelling under which a domain is stored. */
    public static String ascii(String domain) {
        try {
            return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAnIdn) {
            return domain;
        }
    }

    /** The ASCII form first, then the others the same domain may have been stored under (by an older version). */
    public static List<String> all(String domain) {
        Set<String> spellings = new LinkedHashSet<>();
        String ascii = ascii(domain);
        spellings.add(ascii);
        spellings.add(domain);
        spellings.add(IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        return List.copyOf(spellings);
    }
}
