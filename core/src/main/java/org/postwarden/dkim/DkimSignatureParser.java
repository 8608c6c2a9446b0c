package org.postwarden.dkim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.postwarden.common.TagValueList;

/** Parses and checks DKIM-Signature fields against RFC 6376 §3.5 and §6.1.1. */
public final class DkimSignatureParser {
    private static final List<String> REQUIRED_TAGS = List.of("v", "a", "b", "bh", "d", "h", "s");
    private static final int MAX_TIME_DIGITS = 12;
    private static final int MAX_LENGTH_DIGITS = 18;

    private DkimSignatureParser() {
    }

    public static DkimSignature parse(HeaderField field) throws DkimException {
        return parse(field.text());
    }

    /** {@code fieldText} is the whole field, name included, one char per octet (ISO-8859-1). */
    public static DkimSignature parse(String fieldText) throws DkimException {
        int colon = fieldText.indexOf(':');
        if (colon < 0) {
            throw new DkimException(DkimFailure.Reason.SIGNATURE_SYNTAX, "not a header field");
        }
        TagValueList tags;
        try {
            tags = TagValueList.parse(fieldText.substring(colon + 1));
        } catch (TagValueList.SyntaxException e) {
            throw new DkimException(DkimFailure.Reason.SIGNATURE_SYNTAX, e.getMessage());
        }
        for (String required : REQUIRED_TAGS) {
            if (tags.get(required).isEmpty()) {
                // §6.1.1: a signature lacking a required tag MUST be ignored (PERMFAIL).
                throw new DkimException(DkimFailure.Reason.MISSING_TAG, "missing required tag " + required + "=");
            }
        }
        if (!tags.get("v").orElseThrow().equals("1")) {
            // §6.1.1: a v= other than 1 is an incompatible version.
            throw new DkimException(DkimFailure.Reason.UNSUPPORTED_VERSION, "unsupported v=" + tags.get("v").get());
        }
        String a = tags.get("a").orElseThrow();
        DkimAlgorithm algorithm = DkimAlgorithm.fromTagValue(a).orElseThrow(
            () -> new DkimException(DkimFailure.Reason.UNSUPPORTED_ALGORITHM, "unsupported a=" + a));
        String domain = utf8(tags.get("d").orElseThrow());
        List<String> signedHeaders = colonList(tags.get("h").orElseThrow(), "h");
        if (signedHeaders.stream().noneMatch("from"::equalsIgnoreCase)) {
            // §5.4 / §6.1.1: the From header field MUST be signed.
            throw new DkimException(DkimFailure.Reason.FROM_NOT_SIGNED);
        }
        Optional<String> identity = tags.get("i").map(DkimSignatureParser::utf8);
        if (identity.isPresent()) {
            checkIdentity(identity.get(), domain);
        }
        Optional<Instant> timestamp = number(tags, "t", MAX_TIME_DIGITS).stream().mapToObj(Instant::ofEpochSecond)
            .findFirst();
        Optional<Instant> expiration = number(tags, "x", MAX_TIME_DIGITS).stream().mapToObj(Instant::ofEpochSecond)
            .findFirst();
        if (timestamp.isPresent() && expiration.isPresent() && !expiration.get().isAfter(timestamp.get())) {
            // §3.5 x=: the value MUST be greater than t=.
            throw new DkimException(DkimFailure.Reason.INVALID_EXPIRATION);
        }
        List<String> queryMethods = tags.get("q").isPresent() ? colonList(tags.get("q").get(), "q") : List.of("dns/txt");
        if (queryMethods.stream().noneMatch("dns/txt"::equalsIgnoreCase)) {
            throw new DkimException(DkimFailure.Reason.UNSUPPORTED_QUERY_METHOD, "no dns/txt in q=");
        }
        Canonicalization[] canonicalization = canonicalization(tags.get("c").orElse("simple"));
        TagValueList.Tag b = tags.tag("b").orElseThrow();
        int valueOffset = colon + 1;
        String unsigned = fieldText.substring(0, valueOffset + b.rawStart()) + fieldText.substring(valueOffset + b.rawEnd());
        return new DkimSignature(1, algorithm, domain, utf8(tags.get("s").orElseThrow()), signedHeaders,
            base64(tags.get("bh").orElseThrow(), "bh"), base64(b.value(), "b"), canonicalization[0],
            canonicalization[1], identity, number(tags, "l", MAX_LENGTH_DIGITS), timestamp, expiration, queryMethods,
            unsigned);
    }

    private static void checkIdentity(String identity, String domain) throws DkimException {
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            throw new DkimException(DkimFailure.Reason.SIGNATURE_SYNTAX, "i= has no @");
        }
        String iDomain = identity.substring(at + 1).toLowerCase(Locale.ROOT);
        String d = domain.toLowerCase(Locale.ROOT);
        if (!iDomain.equals(d) && !iDomain.endsWith("." + d)) {
            // §6.1.1: the i= domain MUST be the same as or a subdomain of d=.
            throw new DkimException(DkimFailure.Reason.IDENTITY_MISMATCH, "i=" + identity + " is not within d=" + domain);
        }
    }

    private static Canonicalization[] canonicalization(String c) throws DkimException {
        String[] parts = c.split("/", -1);
        if (parts.length > 2) {
            throw new DkimException(DkimFailure.Reason.UNSUPPORTED_CANONICALIZATION, "unsupported c=" + c);
        }
        Canonicalization[] result = new Canonicalization[2];
        for (int i = 0; i < 2; i++) {
            String name = i < parts.length ? parts[i].strip() : "simple";
            result[i] = Canonicalization.fromTagValue(name).orElseThrow(
                () -> new DkimException(DkimFailure.Reason.UNSUPPORTED_CANONICALIZATION, "unsupported c=" + c));
        }
        return result;
    }

    private static List<String> colonList(String value, String tag) throws DkimException {
        List<String> items = Arrays.stream(value.split(":", -1)).map(TagValueList::stripWhitespace).toList();
        if (items.stream().anyMatch(String::isEmpty)) {
            throw new DkimException(DkimFailure.Reason.SIGNATURE_SYNTAX, "empty item in " + tag + "=");
        }
        return items;
    }

    private static OptionalLong number(TagValueList tags, String tag, int maxDigits) throws DkimException {
        Optional<String> value = tags.get(tag);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        String digits = value.get();
        if (digits.isEmpty() || digits.length() > maxDigits || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new DkimException(DkimFailure.Reason.SIGNATURE_SYNTAX, "invalid " + tag + "=" + digits);
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    private static byte[] base64(String value, String tag) throws DkimException {
        String stripped = TagValueList.stripWhitespace(value);
        try {
            byte[] decoded = Base64.getDecoder().decode(stripped);
            if (decoded.length == 0) {
                throw new DkimException(DkimFailure.Reason.SIGNATURE_SYNTAX, "empty " + tag + "=");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw new DkimException(DkimFailure.Reason.SIGNATURE_SYNTAX, "invalid base64 in " + tag + "=");
        }
    }

    /** Header text is read one char per octet; d=, s= and i= may hold UTF-8 (RFC 8616). */
    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
