package org.postwarden.matchers;

import java.util.List;

import org.postwarden.inbound.VerdictAttributes;

/**
 * Matches mail whose applied DMARC policy (after {@code pct=} sampling) is one of the listed values: {@code none}
 * when DMARC passed, found no policy, or a trusted ARC sealer overrode it.
 * <pre>{@code <mailet match="org.postwarden.matchers.DmarcPolicyIs=quarantine" class="..."/>}</pre>
 */
public class DmarcPolicyIs extends VerdictAttributeIs {
    public DmarcPolicyIs() {
        super(VerdictAttributes.DMARC_POLICY, List.of("none", "quarantine", "reject"));
    }
}
