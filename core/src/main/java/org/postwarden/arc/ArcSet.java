package org.postwarden.arc;

/** The three header fields one ARC participant adds, sharing one instance number (RFC 8617 §4.1). */
public record ArcSet(int instance, ArcAuthenticationResults authenticationResults,
                     ArcMessageSignature messageSignature, ArcSeal seal) {
}
