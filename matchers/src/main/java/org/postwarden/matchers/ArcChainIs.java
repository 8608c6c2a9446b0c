package org.postwarden.matchers;

import java.util.List;

import org.postwarden.inbound.VerdictAttributes;

/**
 * Matches mail whose ARC chain validation (RFC 8617 {@code cv=}) is one of the listed values.
 * <pre>{@code <mailet match="org.postwarden.matchers.ArcChainIs=pass" class="..."/>}</pre>
 */
public class ArcChainIs extends VerdictAttributeIs {
    public ArcChainIs() {
        super(VerdictAttributes.ARC, List.of("none", "pass", "fail"));
    }
}
