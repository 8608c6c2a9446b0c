package org.postwarden.arc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.postwarden.dkim.HeaderField;

/** Parses ARC-Seal fields and checks them against RFC 8617 §4.1.3. */
public final class ArcSealParser {
    private static final List<String> REQUIRED_TAGS = List.of("i", "a", "b", "cv", "d", "s");

    private ArcSealParser() {
    }

    public static ArcSeal parse(HeaderField field) throws ArcException {
        return parse(field.text());
    }

    /** {@code fieldText} is the whole field, name included, one char per octet (ISO-8859-1). */
    public static ArcSeal parse(String fieldText) throws ArcException {
        ArcTags tags = ArcTags.parse(fieldText);
        tags.require(REQUIRED_TAGS);
        if (tags.get("h").isPresent()) {
            // §4.1.3: the ARC-Seal covers the ARC sets only; an h= tag is an error (cv=fail).
            throw tags.malformed("h= is not allowed in an ARC-Seal");
        }
        String cv = tags.required("cv");
        ChainValidationStatus status = ChainValidationStatus.fromTagValue(cv)
            .orElseThrow(() -> tags.malformed("invalid cv=" + cv));
        Optional<Instant> timestamp = tags.instant("t");
        return new ArcSeal(tags.instance(), status, tags.algorithm(), tags.utf8("d"), tags.utf8("s"), tags.base64("b"),
            timestamp, fieldText, tags.unsignedField());
    }
}
