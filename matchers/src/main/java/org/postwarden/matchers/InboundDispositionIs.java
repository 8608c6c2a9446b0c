package org.postwarden.matchers;

import java.util.List;

import org.postwarden.inbound.VerdictAttributes;

/**
 * Matches mail whose disposition, as conf/authentication.properties decided it, is one of the listed values
 * (rejected and temporarily refused mail never gets this far).
 * <pre>{@code <mailet match="org.postwarden.matchers.InboundDispositionIs=quarantine" class="..."/>}</pre>
 */
public class InboundDispositionIs extends VerdictAttributeIs {
    public InboundDispositionIs() {
        super(VerdictAttributes.DISPOSITION, List.of("accept", "quarantine"));
    }
}
