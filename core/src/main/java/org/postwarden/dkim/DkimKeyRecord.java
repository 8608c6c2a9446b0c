package org.postwarden.dkim;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.postwarden.common.TagValueList;

/**
 * A DKIM key record, the TXT record at {@code s._domainkey.d} (RFC 6376 §3.6.1).
 * <pre>
 * key-v-tag = %x76 [FWS] "=" [FWS] %x44.4B.49.4D.31        ; "DKIM1"
 * key-h-tag = %x68 [FWS] "=" [FWS] key-h-tag-alg *( [FWS] ":" [FWS] key-h-tag-alg )
 * key-k-tag = %x6b [FWS] "=" [FWS] key-k-tag-type          ; "rsa" / "ed25519" (RFC 8463)
 * key-p-tag = %x70 [FWS] "=" [ [FWS] base64string ]
 * key-s-tag = %x73 [FWS] "=" [FWS] key-s-tag-type *( [FWS] ":" [FWS] key-s-tag-type )
 * key-t-tag = %x74 [FWS] "=" [FWS] key-t-tag-flag *( [FWS] ":" [FWS] key-t-tag-flag )
 * </pre>
 * An empty {@code hashAlgorithms} list means any; {@code key} is empty when p= is empty (revoked).
 */
public record DkimKeyRecord(DkimKeyType keyType, List<String> hashAlgorithms, Optional<DkimPublicKey> key,
                            List<String> serviceTypes, boolean testing, boolean strict) {
    public DkimKeyRecord {
        hashAlgorithms = List.copyOf(hashAlgorithms);
        serviceTypes = List.copyOf(serviceTypes);
    }

    public static DkimKeyRecord parse(String txt) throws DkimException {
        TagValueList tags;
        try {
            tags = TagValueList.parse(txt);
        } catch (TagValueList.SyntaxException e) {
            throw new DkimException(DkimFailure.Reason.KEY_SYNTAX, e.getMessage());
        }
        Optional<String> version = tags.get("v");
        if (version.isPresent() && (!version.get().equals("DKIM1") || !tags.tags().get(0).name().equals("v"))) {
            // §3.6.1 v=: if present it MUST be first and "DKIM1"; other records MUST be discarded.
            throw new DkimException(DkimFailure.Reason.KEY_SYNTAX, "not a DKIM1 key record");
        }
        String k = tags.get("k").orElse("rsa");
        DkimKeyType type = DkimKeyType.fromTagValue(k).orElseThrow(
            () -> new DkimException(DkimFailure.Reason.KEY_SYNTAX, "unknown key type k=" + k));
        String p = TagValueList.stripWhitespace(tags.get("p").orElseThrow(
            () -> new DkimException(DkimFailure.Reason.KEY_SYNTAX, "missing p=")));
        Optional<DkimPublicKey> key = Optional.empty();
        if (!p.isEmpty()) {
            byte[] encoded;
            try {
                encoded = Base64.getDecoder().decode(p);
            } catch (IllegalArgumentException e) {
                throw new DkimException(DkimFailure.Reason.KEY_SYNTAX, "invalid base64 in p=");
            }
            key = Optional.of(DkimPublicKey.decode(type, encoded));
        }
        List<String> flags = colonList(tags.get("t").orElse(""));
        return new DkimKeyRecord(type, colonList(tags.get("h").orElse("")), key,
            colonList(tags.get("s").orElse("*")), flags.contains("y"), flags.contains("s"));
    }

    /** §3.6.1 p=: an empty value means the key has been revoked. */
    public boolean revoked() {
        return key.isEmpty();
    }

    public boolean allowsHash(String hashName) {
        return hashAlgorithms.isEmpty() || hashAlgorithms.contains(hashName);
    }

    /** §3.6.1 s=: "*" (the default) or "email". */
    public boolean allowsEmail() {
        return serviceTypes.contains("*") || serviceTypes.contains("email");
    }

    private static List<String> colonList(String value) {
        return Arrays.stream(value.split(":")).map(TagValueList::stripWhitespace).filter(s -> !s.isEmpty()).toList();
    }
}
