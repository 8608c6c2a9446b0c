package org.postwarden.dkim;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed DKIM-Signature field (RFC 6376 §3.5).
 * <pre>
 * sig-v-tag = %x76 [FWS] "=" [FWS] 1*DIGIT
 * sig-a-tag = %x61 [FWS] "=" [FWS] sig-a-tag-alg
 * sig-b-tag = %x62 [FWS] "=" [FWS] sig-b-tag-data
 * sig-bh-tag = %x62 %x68 [FWS] "=" [FWS] sig-bh-tag-data
 * sig-c-tag = %x63 [FWS] "=" [FWS] sig-c-tag-alg ["/" sig-c-tag-alg]
 * sig-d-tag = %x64 [FWS] "=" [FWS] domain-name
 * sig-h-tag = %x68 [FWS] "=" [FWS] hdr-name *( [FWS] ":" [FWS] hdr-name )
 * sig-i-tag = %x69 [FWS] "=" [FWS] [ Local-part ] "@" domain-name
 * sig-l-tag = %x6c [FWS] "=" [FWS] 1*76DIGIT
 * sig-q-tag = %x71 [FWS] "=" [FWS] sig-q-tag-method *([FWS] ":" [FWS] sig-q-tag-method)
 * sig-s-tag = %x73 [FWS] "=" [FWS] selector
 * sig-t-tag = %x74 [FWS] "=" [FWS] 1*12DIGIT
 * sig-x-tag = %x78 [FWS] "=" [FWS] 1*12DIGIT
 * </pre>
 * {@code unsignedField} is the field as received with the b= value removed, which is what the
 * signature covers (§3.7). The byte arrays are the decoded bh= and b= values; do not modify them.
 */
public record DkimSignature(
    int version,
    DkimAlgorithm algorithm,
    String domain,
    String selector,
    List<String> signedHeaders,
    byte[] bodyHash,
    byte[] signature,
    Canonicalization headerCanonicalization,
    Canonicalization bodyCanonicalization,
    Optional<String> identity,
    OptionalLong bodyLength,
    Optional<Instant> timestamp,
    Optional<Instant> expiration,
    List<String> queryMethods,
    String unsignedField) {

    public DkimSignature {
        signedHeaders = List.copyOf(signedHeaders);
        queryMethods = List.copyOf(queryMethods);
    }

    /** i= or, when absent, its default "@" + d= (§3.5). */
    public String effectiveIdentity() {
        return identity.orElse("@" + domain);
    }

    /** Where the key lives: {@code s._domainkey.d} (§3.6.2.1). */
    public String keyName() {
        return selector + "._domainkey." + domain;
    }
}
