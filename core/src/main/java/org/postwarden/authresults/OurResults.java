package org.postwarden.authresults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.postwarden.dkim.HeaderField;
import org.postwarden.dkim.RawMessage;

/**
 * The Authentication-Results header this server added to a message: the first one carrying our authserv-id (any
 * incoming one claiming it was removed as a forgery, RFC 8601 §5), read once for the results of its methods.
 * Where the mail still carries the verdict attributes of the inbound check, those are the typed source; this header
 * is what survives when James re-sends a message as a new mail (a forward), which drops the attributes.
 */
public final class OurResults {
    private final String value;
    private final MethodResults results;

    private OurResults(String value) {
        this.value = value;
        this.results = parse(value);
    }

    public static Optional<OurResults> in(RawMessage message, String authservId) {
        return message.headers(AuthenticationResults.HEADER_NAME).stream()
            .map(HeaderField::value)
            .filter(value -> AuthservId.isOurs(value, authservId))
            .findFirst()
            .map(OurResults::new);
    }

    /** The header value as written, folding included. */
    public String value() {
        return value;
    }

    /** The {@code method=result} of each resinfo. */
    public MethodResults results() {
        return results;
    }

    /** Whether a resinfo says {@code method=result} (case-insensitive, comments dropped). */
    public boolean says(String method, String result) {
        return results.says(method, result);
    }

    /**
     * RFC 8601 §2.2: {@code authres-payload = [CFWS] authserv-id [CFWS authres-version] ( no-result / 1*resinfo )},
     * {@code resinfo = [CFWS] ";" methodspec ...}, {@code methodspec = [CFWS] method [CFWS] "=" [CFWS] result}, where
     * a method may carry a {@code /version}.
     */
    private static MethodResults parse(String value) {
        Map<String, List<String>> byMethod = new LinkedHashMap<>();
        List<String> resinfos = resinfos(value);
        for (String resinfo : resinfos.subList(Math.min(1, resinfos.size()), resinfos.size())) {
            int equals = resinfo.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String method = resinfo.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            int slash = method.indexOf('/');
            method = (slash >= 0 ? method.substring(0, slash) : method).trim();
            String rest = resinfo.substring(equals + 1).trim();
            int end = 0;
            while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                end++;
            }
            if (!method.isEmpty() && end > 0) {
                byMethod.computeIfAbsent(method, any -> new ArrayList<>()).add(rest.substring(0, end).toLowerCase(Locale.ROOT));
            }
        }
        return new MethodResults(byMethod);
    }

    /** The value split at the semicolons outside quoted strings and comments, comments replaced by a space. */
    private static List<String> resinfos(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int commentDepth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && (quoted || commentDepth > 0) && i + 1 < value.length()) {
                if (quoted) {
                    part.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (commentDepth > 0) {
                commentDepth += c == '(' ? 1 : c == ')' ? -1 : 0;
            } else if (quoted) {
                part.append(c);
                quoted = c != '"';
            } else if (c == '(') {
                commentDepth = 1;
                part.append(' ');
            } else if (c == ';') {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c == '\r' || c == '\n' ? ' ' : c);
                quoted = c == '"';
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
