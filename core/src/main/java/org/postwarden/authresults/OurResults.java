package org.postwarden.authresults;

import java.util.Optional;
import java.util.regex.Pattern;

import org.postwarden.dkim.HeaderField;
import org.postwarden.dkim.RawMessage;

/**
 * The Authentication-Results header this server added to a message: the first one carrying our authserv-id (any
 * incoming one claiming it was removed as a forgery, RFC 8601 §5), read for the results of its methods.
 */
public final class OurResults {
    private static final Pattern COMMENT = Pattern.compile("\\([^()]*\\)");

    private final String value;
    private final String withoutComments;

    private OurResults(String value) {
        this.value = value;
        this.withoutComments = COMMENT.matcher(value.replace("\r\n", " ")).replaceAll(" ");
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

    /** Whether a resinfo says {@code method=result} (RFC 8601 §2.2; case-insensitive, comments dropped). */
    public boolean says(String method, String result) {
        return Pattern.compile("(?i)(^|[;\\s])" + Pattern.quote(method) + "\\s*=\\s*" + Pattern.quote(result) + "\\b")
            .matcher(withoutComments).find();
    }
}
