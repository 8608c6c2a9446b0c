package org.postwarden.matchers;

import java.util.List;

import org.postwarden.inbound.VerdictAttributes;

/**
 * Matches mail with at least one DKIM signature (RFC 6376) whose result is one of the listed values; an unsigned
 * mail has the single result {@code none}.
 * <pre>{@code <mailet match="org.postwarden.matchers.DkimResultIs=pass" class="..."/>}</pre>
 */
public class DkimResultIs extends VerdictAttributeIs {
    public DkimResultIs() {
        super(VerdictAttributes.DKIM, List.of("pass", "fail", "neutral", "policy", "none", "temperror", "permerror"));
    }
}
