package org.postwarden.matchers;

import java.util.List;

import org.postwarden.inbound.VerdictAttributes;

/**
 * Matches mail whose DMARC result (RFC 7489) for its From domain is one of the listed values.
 * <pre>{@code <mailet match="org.postwarden.matchers.DmarcResultIs=fail" class="..."/>}</pre>
 */
public class DmarcResultIs extends VerdictAttributeIs {
    public DmarcResultIs() {
        super(VerdictAttributes.DMARC, List.of("pass", "fail", "none", "temperror", "permerror"));
    }
}
