package org.postwarden.arc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.postwarden.common.TagValueList;
import org.postwarden.dkim.DkimAlgorithm;

/** The tag list of an ARC-Message-Signature or ARC-Seal field, with the checks both parsers share. */
final class ArcTags {
    private static final int MAX_INSTANCE_DIGITS = 9;
    private static final int MAX_NUMBER_DIGITS = 18;

    private final String fieldText;
    private final int valueOffset;
    private final TagValueList tags;
    private final String what;

    private ArcTags(String fieldText, int valueOffset, TagValueList tags, String what) {
        this.fieldText = fieldText;
        this.valueOffset = valueOffset;
        this.tags = tags;
        this.what = what;
    }

    /** {@code fieldText} is the whole field, name included, one char per octet (ISO-8859-1). */
    static ArcTags parse(String fieldText) throws ArcException {
        int colon = fieldText.indexOf(':');
        String what = colon < 0 ? "ARC header" : fieldText.substring(0, colon).strip();
        if (colon < 0) {
            throw malformed(what, "not a header field");
        }
        try {
            return new ArcTags(fieldText, colon + 1, TagValueList.parse(fieldText.substring(colon + 1)), what);
        } catch (TagValueList.SyntaxException e) {
            throw malformed(what, e.getMessage());
        }
    }

    /** The i= value, or empty when absent or not a positive number (RFC 8617 §4.2.1). */
    static OptionalLong instanceOf(String digits) {
        if (!isNumber(digits, MAX_INSTANCE_DIGITS)) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(digits);
        return value >= 1 ? OptionalLong.of(value) : OptionalLong.empty();
    }

    void require(List<String> names) throws ArcException {
        for (String name : names) {
            if (tags.get(name).isEmpty()) {
                throw malformed(what, "missing required tag " + name + "=");
            }
        }
    }

    Optional<String> get(String name) {
        return tags.get(name);
    }

    String required(String name) {
        return tags.get(name).orElseThrow();
    }

    int instance() throws ArcException {
        String value = required("i");
        OptionalLong instance = instanceOf(value);
        if (instance.isEmpty()) {
            throw malformed(what, "invalid i=" + value);
        }
        return (int) instance.getAsLong();
    }

    DkimAlgorithm algorithm() throws ArcException {
        String a = required("a");
        Optional<DkimAlgorithm> algorithm = DkimAlgorithm.fromTagValue(a);
        if (algorithm.isEmpty() || algorithm.get() == DkimAlgorithm.RSA_SHA1) {
            // RFC 8301 §3.1 (ARC signatures are DKIM signatures, RFC 8617 §4.1.2, §4.1.3): no rsa-sha1.
            throw new ArcException(ArcFailure.Reason.UNSUPPORTED_ALGORITHM, what + " has unsupported a=" + a);
        }
        return algorithm.get();
    }

    /** d= or s=; header text is read one char per octet, the value may hold UTF-8 (RFC 8616). */
    String utf8(String name) {
        return new String(required(name).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    byte[] base64(String name) throws ArcException {
        try {
            byte[] decoded = Base64.getDecoder().decode(TagValueList.stripWhitespace(required(name)));
            if (decoded.length == 0) {
                throw malformed(what, "empty " + name + "=");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw malformed(what, "invalid base64 in " + name + "=");
        }
    }

    OptionalLong number(String name) throws ArcException {
        Optional<String> value = tags.get(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        String digits = value.get();
        if (!isNumber(digits, MAX_NUMBER_DIGITS)) {
            throw malformed(what, "invalid " + name + "=" + digits);
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    /** A t= or x= value: seconds past the last Instant are as malformed as letters, not a DateTimeException. */
    Optional<Instant> instant(String name) throws ArcException {
        OptionalLong seconds = number(name);
        if (seconds.isEmpty()) {
            return Optional.empty();
        }
        if (seconds.getAsLong() > Instant.MAX.getEpochSecond()) {
            throw malformed(what, "invalid " + name + "=" + seconds.getAsLong());
        }
        return Optional.of(Instant.ofEpochSecond(seconds.getAsLong()));
    }

    /** The field with the b= value removed: what the signature covers (RFC 6376 §3.7). */
    String unsignedField() {
        TagValueList.Tag b = tags.tag("b").orElseThrow();
        return fieldText.substring(0, valueOffset + b.rawStart()) + fieldText.substring(valueOffset + b.rawEnd());
    }

    ArcException malformed(String message) {
        return malformed(what, message);
    }

    private static boolean isNumber(String digits, int maxDigits) {
        return !digits.isEmpty() && digits.length() <= maxDigits && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static ArcException malformed(String what, String message) {
        return new ArcException(ArcFailure.Reason.MALFORMED, what + ": " + message);
    }
}
