package org.postwarden.srs;

import com.google.common.base.Ascii;

/**
 * An address in the guarded SRS scheme of Mail::SRS 0.31 (modules {@code Shortcut} for SRS0, {@code Guarded} for
 * SRS1), which libsrs2 and postsrsd implement too:
 *
 * <pre>
 * srs0-address = "SRS0" separator hash "=" timestamp "=" original-domain "=" original-local-part "@" host
 * srs1-address = "SRS1" separator hash "=" first-forwarder "=" srs0-rest "@" host
 * separator    = "=" / "+" / "-"      ; Mail::SRS $SRS0RE and $SRS1RE; every later separator is "="
 * timestamp    = 2base32-char         ; see SrsTimestamp
 * srs0-rest    = the first forwarder's SRS0 local part without its "SRS0" tag, kept opaque
 * </pre>
 *
 * Tags match ignoring (ASCII) case. A domain holds no {@code =}, so the original local part takes the rest of the
 * SRS0 local part without escaping, {@code =} included. The address splits at its last {@code @}.
 */
public sealed interface SrsAddress permits SrsAddress.Srs0, SrsAddress.Srs1 {
    /** The separator after the tag. */
    char separator();

    String hash();

    /** The domain after the {@code @}: the forwarder that wrote this address. */
    String host();

    /** The address as written, tag in upper case. */
    String address();

    /** SRS0: the forwarder's rewrite of an ordinary sender. */
    record Srs0(char separator, String hash, SrsTimestamp timestamp, String originalDomain, String originalLocalPart,
                String host) implements SrsAddress {
        public String originalAddress() {
            return originalLocalPart + "@" + originalDomain;
        }

        @Override
        public String address() {
            return TAG_SRS0 + separator + String.join("=", hash, timestamp.encoded(), originalDomain, originalLocalPart)
                + "@" + host;
        }
    }

    /** SRS1: a later forwarder's rewrite of an SRS0 address, naming the first forwarder. */
    record Srs1(char separator, String hash, String firstForwarder, String srs0Rest, String host)
        implements SrsAddress {
        /** The first forwarder's SRS0 address, where a bounce goes next. */
        public String srs0Address() {
            return TAG_SRS0 + srs0Rest + "@" + firstForwarder;
        }

        @Override
        public String address() {
            return TAG_SRS1 + separator + String.join("=", hash, firstForwarder, srs0Rest) + "@" + host;
        }
    }

    String TAG_SRS0 = "SRS0";
    String TAG_SRS1 = "SRS1";
    /** The separators allowed after the tag. */
    String SEPARATORS = "=+-";

    /**
     * Reads an SRS address; the hash and the timestamp are not checked here.
     *
     * @throws SrsException {@link SrsException.Reason#NOT_SRS} without an SRS tag,
     *     {@link SrsException.Reason#MALFORMED} when a field is missing or unreadable
     */
    static SrsAddress parse(String address) throws SrsException {
        int at = address.lastIndexOf('@');
        String localPart = at < 0 ? address : address.substring(0, at);
        if (at < 0 || !(hasTag(localPart, TAG_SRS0) || hasTag(localPart, TAG_SRS1))) {
            throw new SrsException(SrsException.Reason.NOT_SRS, "\"" + address + "\" has no SRS0 or SRS1 tag");
        }
        String host = address.substring(at + 1);
        String[] fields = localPart.substring(TAG_SRS0.length() + 1).split("=", hasTag(localPart, TAG_SRS0) ? 4 : 3);
        if (hasTag(localPart, TAG_SRS0)) {
            requireFields(address, fields, "hash", "timestamp", "original domain", "original local part");
            Addresses.requireDomainName(fields[2], address);
            return new Srs0(localPart.charAt(4), fields[0], SrsTimestamp.parse(fields[1]), fields[2], fields[3], host);
        }
        requireFields(address, fields, "hash", "first forwarder", "SRS0 part");
        Addresses.requireDomainName(fields[1], address);
        return new Srs1(localPart.charAt(4), fields[0], fields[1], fields[2], host);
    }

    /** Whether the local part starts with the tag (any case) and a separator. */
    static boolean hasTag(String localPart, String tag) {
        return localPart.length() > tag.length()
            && Ascii.equalsIgnoreCase(localPart.substring(0, tag.length()), tag)
            && SEPARATORS.indexOf(localPart.charAt(tag.length())) >= 0;
    }

    private static void requireFields(String address, String[] fields, String... names) throws SrsException {
        for (int i = 0; i < names.length; i++) {
            if (i >= fields.length || fields[i].isEmpty()) {
                throw new SrsException(SrsException.Reason.MALFORMED, "\"" + address + "\" has no " + names[i]);
            }
        }
    }
}
