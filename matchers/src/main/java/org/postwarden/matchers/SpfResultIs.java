package org.postwarden.matchers;

import java.util.List;

import org.postwarden.inbound.VerdictAttributes;

/**
 * Matches mail whose SPF result (RFC 7208: of the envelope sender, or of the HELO name for a bounce) is one of
 * the listed values.
 * <pre>{@code <mailet match="org.postwarden.matchers.SpfResultIs=fail,softfail" class="..."/>}</pre>
 */
public class SpfResultIs extends VerdictAttributeIs {
    public SpfResultIs() {
        super(VerdictAttributes.SPF, List.of("pass", "fail", "softfail", "neutral", "none", "temperror", "permerror"));
    }
}
