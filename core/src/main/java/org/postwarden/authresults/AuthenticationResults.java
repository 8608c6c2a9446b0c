package org.postwarden.authresults;

import java.util.ArrayList;
import java.util.List;

import com.google.common.base.Preconditions;

/**
 * An Authentication-Results header field (RFC 8601 §2.2):
 * <pre>
 * authres-header-field = "Authentication-Results:" authserv-id [ CFWS authres-version ]
 *                        ( no-result / 1*resinfo ) CRLF
 * no-result = [CFWS] ";" [CFWS] "none"
 * </pre>
 * Written folded at 78 columns, between whole tokens, as RFC 5322 §2.2.3 allows.
 */
public record AuthenticationResults(String authservId, List<ResultInfo> results) {
    public static final String HEADER_NAME = "Authentication-Results";
    private static final int LINE_LENGTH = 78;

    public AuthenticationResults {
        Preconditions.checkArgument(authservId.matches("[A-Za-z0-9][A-Za-z0-9._-]*"), "bad authserv-id %s", authservId);
        results = List.copyOf(results);
    }

    /** The whole header field, folded, without the final CRLF. */
    public String headerField() {
        StringBuilder field = new StringBuilder(HEADER_NAME).append(": ").append(authservId);
        int lineLength = field.length();
        for (List<String> resinfo : resinfos()) {
            field.append(';');
            lineLength++;
            for (String token : resinfo) {
                if (lineLength + 1 + token.length() > LINE_LENGTH) {
                    field.append("\r\n\t");
                    lineLength = 8;
                } else {
                    field.append(' ');
                    lineLength++;
                }
                field.append(token);
                lineLength += token.length();
            }
        }
        return field.toString();
    }

    private List<List<String>> resinfos() {
        if (results.isEmpty()) {
            return List.of(List.of("none"));
        }
        List<List<String>> tokens = new ArrayList<>();
        results.forEach(result -> tokens.add(result.tokens()));
        return tokens;
    }
}
