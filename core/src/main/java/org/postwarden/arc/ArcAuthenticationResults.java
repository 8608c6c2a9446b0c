package org.postwarden.arc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postwarden.authresults.AuthservId;
import org.postwarden.dkim.HeaderField;

/**
 * A parsed ARC-Authentication-Results field (RFC 8617 §4.1.1): an instance tag followed by the
 * payload of an Authentication-Results field (RFC 8601 §2.2).
 * <pre>
 * arc-authres-header = "ARC-Authentication-Results:" [CFWS] arc-info
 * arc-info = instance [CFWS] ";" authres-payload
 * authres-payload = [CFWS] authserv-id [ CFWS authres-version ] ( no-result / 1*resinfo ) [CFWS] CRLF
 * </pre>
 * Only the method and result of each resinfo are kept, as {@link MethodResult}s, in field order.
 * {@code field} is the field as received.
 */
public record ArcAuthenticationResults(int instance, String authservId, List<MethodResult> results, String field) {
    public static final String FIELD_NAME = "ARC-Authentication-Results";
    private static final Pattern INSTANCE = Pattern.compile("\\s*i\\s*=\\s*(\\S*)\\s*");
    private static final Pattern METHOD_RESULT =
        Pattern.compile("\\s*([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:/\\s*[0-9]+\\s*)?=\\s*([A-Za-z0-9][A-Za-z0-9._-]*).*",
            Pattern.DOTALL);

    /** {@code method=result} of one resinfo, such as {@code spf=pass}; both lowercase. */
    public record MethodResult(String method, String result) {
    }

    public ArcAuthenticationResults {
        results = List.copyOf(results);
    }

    public static ArcAuthenticationResults parse(HeaderField field) throws ArcException {
        return parse(field.text());
    }

    /** {@code fieldText} is the whole field, name included, one char per octet (ISO-8859-1). */
    public static ArcAuthenticationResults parse(String fieldText) throws ArcException {
        int colon = fieldText.indexOf(':');
        List<String> parts = colon < 0 ? List.of() : split(fieldText.substring(colon + 1));
        OptionalLong instance = parts.isEmpty() ? OptionalLong.empty() : instanceOfPart(parts.get(0));
        if (instance.isEmpty()) {
            throw malformed("no valid i= instance tag");
        }
        String authservId = parts.size() < 2 ? "" : AuthservId.of(parts.get(1)).orElse("");
        if (authservId.isEmpty()) {
            throw malformed("no authserv-id");
        }
        List<MethodResult> results = new ArrayList<>();
        for (String resinfo : parts.subList(2, parts.size())) {
            Matcher m = METHOD_RESULT.matcher(resinfo);
            if (m.matches()) {
                results.add(new MethodResult(m.group(1).toLowerCase(Locale.ROOT), m.group(2).toLowerCase(Locale.ROOT)));
            } else if (!resinfo.isBlank() && !resinfo.strip().equalsIgnoreCase("none")) {
                throw malformed("invalid resinfo \"" + resinfo.strip() + "\"");
            }
        }
        return new ArcAuthenticationResults((int) instance.getAsLong(), authservId, results, fieldText);
    }

    /** The instance of a field value, read without parsing the rest; empty when there is none. */
    static OptionalLong instanceOf(String value) {
        List<String> parts = split(value);
        return parts.size() < 2 ? OptionalLong.empty() : instanceOfPart(parts.get(0));
    }

    /** True when some resinfo reports {@code method=pass}, such as {@code spf=pass}. */
    public boolean passed(String method) {
        return results.stream().anyMatch(r -> r.method().equalsIgnoreCase(method) && r.result().equals("pass"));
    }

    private static OptionalLong instanceOfPart(String part) {
        Matcher m = INSTANCE.matcher(part);
        return m.matches() ? ArcTags.instanceOf(m.group(1)) : OptionalLong.empty();
    }

    /** Splits at the semicolons outside comments and quoted strings, dropping comments (RFC 5322 §3.2.2). */
    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && (quoted || depth > 0) && i + 1 < value.length()) {
                if (quoted) {
                    part.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (quoted) {
                quoted = c != '"';
                part.append(c);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
                part.append(' ');
            } else if (depth == 0 && c == ';') {
                parts.add(part.toString());
                part.setLength(0);
            } else if (depth == 0) {
                quoted = c == '"';
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static ArcException malformed(String message) {
        return new ArcException(ArcFailure.Reason.MALFORMED, FIELD_NAME + ": " + message);
    }
}
