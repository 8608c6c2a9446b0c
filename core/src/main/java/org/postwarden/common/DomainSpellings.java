package org.postwarden.common;

import java.net.IDN;
import java.text.Normalizer;
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

    /**
     * The A-label form, lower case: the one spelling under which a domain is stored. java.net.IDN is IDNA2003, which
     * maps some letters away ("straße" to "strasse") where IDNA2008, what registries and DNS use, keeps them: such a
     * name keeps the spelling it was given rather than becoming another domain.
     */
    public static String ascii(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        try {
            String ascii = IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            if (ascii.equals(lower)) {
                return ascii;
            }
            String back = IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED);
            return back.equals(Normalizer.normalize(lower, Normalizer.Form.NFC)) ? ascii : domain;
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
        if (ascii.chars().allMatch(c -> c < 0x80)) {
            spellings.add(IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(spellings);
    }
}
