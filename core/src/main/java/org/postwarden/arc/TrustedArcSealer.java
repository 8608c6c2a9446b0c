package org.postwarden.arc;

/**
 * What a trusted sealer recorded about the message when it first saw it: the ARC-Authentication-Results
 * of the newest set of a passing chain, sealed by a domain the receiver trusts. A DMARC evaluator may
 * override a local fail when {@code spfPass} or {@code dkimPass} (RFC 8617 §7.2).
 */
public record TrustedArcSealer(String sealerDomain, int instance, String authservId, boolean spfPass,
                               boolean dkimPass) {
}
