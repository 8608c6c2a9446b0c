package org.postwarden.arc;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.postwarden.common.TagValueList;
import org.postwarden.dkim.Canonicalization;
import org.postwarden.dkim.HeaderField;

/**
 * Parses ARC-Message-Signature fields and checks them against RFC 8617 §4.1.2. The AMS has the syntax and
 * semantics of a DKIM-Signature, so a missing c= means simple/simple (RFC 6376 §3.5), as Mail::DKIM and the
 * ValiMail ARC test suite read it; dkimpy and mailauth read relaxed/relaxed instead.
 */
public final class ArcMessageSignatureParser {
    private static final List<String> REQUIRED_TAGS = List.of("i", "a", "b", "bh", "d", "h", "s");
    private static final String DEFAULT_CANONICALIZATION = "simple/simple";

    private ArcMessageSignatureParser() {
    }

    public static ArcMessageSignature parse(HeaderField field) throws ArcException {
        return parse(field.text());
    }

    /** {@code fieldText} is the whole field, name included, one char per octet (ISO-8859-1). */
    public static ArcMessageSignature parse(String fieldText) throws ArcException {
        ArcTags tags = ArcTags.parse(fieldText);
        // §4.1.2: no v= is defined; if seen, it MUST be ignored.
        tags.require(REQUIRED_TAGS);
        String h = TagValueList.stripWhitespace(tags.required("h"));
        // An empty h= covers no header field, only the AMS itself (RFC 8617 §4.1.2 leaves the choice to the
        // sealer); dkimpy and mailauth validate such a signature, so it is not malformed. An empty name in
        // the list (h=from::to) is outside RFC 6376's ABNF, but h= is itself signed and an empty name selects
        // no field: it is skipped, as dkimpy, mailauth, Mail::DKIM and the ValiMail ARC suite do.
        List<String> signedHeaders = Arrays.stream(h.split(":", -1)).map(TagValueList::stripWhitespace)
            .filter(name -> !name.isEmpty()).toList();
        if (signedHeaders.stream().anyMatch("arc-seal"::equalsIgnoreCase)) {
            // §4.1.2: ARC-Seal header fields MUST NOT be included in the AMS signature.
            throw tags.malformed("h= lists ARC-Seal");
        }
        String c = tags.get("c").orElse(DEFAULT_CANONICALIZATION);
        Canonicalization[] canonicalization = canonicalization(tags, c);
        Optional<Instant> timestamp = tags.instant("t");
        Optional<Instant> expiration = tags.instant("x");
        return new ArcMessageSignature(tags.instance(), tags.algorithm(), tags.utf8("d"), tags.utf8("s"),
            signedHeaders, tags.base64("bh"), tags.base64("b"), canonicalization[0], canonicalization[1],
            tags.number("l"), timestamp, expiration, fieldText, tags.unsignedField());
    }

    private static Canonicalization[] canonicalization(ArcTags tags, String c) throws ArcException {
        String[] parts = c.split("/", -1);
        if (parts.length > 2) {
            throw tags.malformed("unsupported c=" + c);
        }
        Canonicalization[] result = new Canonicalization[2];
        for (int i = 0; i < 2; i++) {
            // RFC 6376 §3.5 c=: a missing body algorithm means simple.
            String name = i < parts.length ? parts[i].strip() : "simple";
            result[i] = Canonicalization.fromTagValue(name).orElseThrow(() -> tags.malformed("unsupported c=" + c));
        }
        return result;
    }
}
