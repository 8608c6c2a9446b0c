package org.postwarden.authresults;

import java.util.Optional;

/**
 * Reads the authserv-id that starts an Authentication-Results header value, skipping CFWS and comments
 * (RFC 8601 §2.2: {@code authserv-id = value}, a token or a quoted-string). A receiver removes incoming
 * headers that carry its own authserv-id before adding its own (RFC 8601 §5): they are forgeries. An authserv-id is
 * usually a domain name, so {@code mx.example.} and {@code MX.Example} claim to be {@code mx.example} too.
 */
public final class AuthservId {
    private AuthservId() {
    }

    public static Optional<String> of(String headerValue) {
        int position = skipCfws(headerValue, 0);
        if (position >= headerValue.length()) {
            return Optional.empty();
        }
        if (headerValue.charAt(position) == '"') {
            return quotedString(headerValue, position + 1);
        }
        int end = position;
        while (end < headerValue.length() && isTokenChar(headerValue.charAt(end))) {
            end++;
        }
        return end > position ? Optional.of(headerValue.substring(position, end)) : Optional.empty();
    }

    public static boolean isOurs(String headerValue, String ourAuthservId) {
        String ours = withoutTrailingDot(ourAuthservId);
        return of(headerValue).map(id -> withoutTrailingDot(id).equalsIgnoreCase(ours)).orElse(false);
    }

    private static String withoutTrailingDot(String id) {
        return id.endsWith(".") ? id.substring(0, id.length() - 1) : id;
    }

    private static int skipCfws(String text, int start) {
        int position = start;
        int depth = 0;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (depth > 0 && c == '\\') {
                position += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0 && !Character.isWhitespace(c)) {
                return position;
            }
            position++;
        }
        return position;
    }

    private static Optional<String> quotedString(String text, int start) {
        StringBuilder value = new StringBuilder();
        for (int position = start; position < text.length(); position++) {
            char c = text.charAt(position);
            if (c == '\\' && position + 1 < text.length()) {
                value.append(text.charAt(++position));
            } else if (c == '"') {
                return Optional.of(value.toString());
            } else {
                value.append(c);
            }
        }
        return Optional.empty();
    }

    // RFC 2045 token: any CHAR except SPACE, CTLs and tspecials.
    private static boolean isTokenChar(char c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
    }
}
