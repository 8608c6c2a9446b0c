package org.postwarden.arc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.postwarden.dkim.Canonicalization;
import org.postwarden.dkim.DkimAlgorithm;

/**
 * A parsed ARC-Message-Signature field (RFC 8617 §4.1.2): a DKIM-Signature (RFC 6376 §3.5) whose
 * i= is the ARC instance rather than an identity, and that has no v=.
 * <pre>
 * arc-ams-info = instance [CFWS] ";" tag-list
 * required tags: i= a= b= bh= d= h= s=; optional: c= l= t= x= q=
 * </pre>
 * {@code field} is the field as received; {@code unsignedField} is the same with the b= value
 * removed. Do not modify the byte arrays.
 */
public record ArcMessageSignature(int instance, DkimAlgorithm algorithm, String domain, String selector,
                                  List<String> signedHeaders, byte[] bodyHash, byte[] signature,
                                  Canonicalization headerCanonicalization, Canonicalization bodyCanonicalization,
                                  OptionalLong bodyLength, Optional<Instant> timestamp, Optional<Instant> expiration,
                                  String field, String unsignedField) {
    public ArcMessageSignature {
        signedHeaders = List.copyOf(signedHeaders);
    }

    public String keyName() {
        return selector + "._domainkey." + domain;
    }
}
