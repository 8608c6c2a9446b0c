package org.postwarden.authresults;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of each authentication method of one message (RFC 8601 §2.2 {@code method=result}), as our inbound
 * check recorded it: DKIM has one result per signature. Methods and results are lower case.
 */
public record MethodResults(Map<String, List<String>> byMethod) {
    public MethodResults {
        byMethod = Map.copyOf(byMethod);
    }

    /** Whether {@code method} has the result {@code result} (for DKIM: any signature), ignoring case. */
    public boolean says(String method, String result) {
        return byMethod.getOrDefault(method.toLowerCase(Locale.ROOT), List.of())
            .contains(result.toLowerCase(Locale.ROOT));
    }
}
