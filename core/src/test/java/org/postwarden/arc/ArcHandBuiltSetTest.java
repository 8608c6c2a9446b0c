package org.postwarden.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.arc.ArcTestSupport.CLOCK;
import static org.postwarden.arc.ArcTestSupport.FIRST;
import static org.postwarden.arc.ArcTestSupport.MESSAGE;
import static org.postwarden.arc.ArcTestSupport.bytes;

import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.postwarden.dkim.BodyHasher;
import org.postwarden.dkim.Canonicalization;
import org.postwarden.dkim.RawMessage;
import org.postwarden.dkim.SigningInput;
import org.postwarden.dns.StaticZone;

/**
 * ARC sets written by hand, with AMS tag forms our ArcSealer never writes, signed with the test keys:
 * how the validator reads tags that other sealers may write.
 */
class ArcHandBuiltSetTest {
    private static final StaticZone ZONE = ArcTestSupport.zone().build();
    private static final ArcValidator VALIDATOR = new ArcValidator(ZONE, CLOCK);
    private static final List<String> SIGNED = List.of("from", "to", "subject");

    @Test
    void validateShouldReadAMissingAmsCanonicalizationAsSimpleSimple() {
        // RFC 8617 §4.1.2: the AMS has the DKIM-Signature's semantics, so no c= means simple/simple
        // (RFC 6376 §3.5). MESSAGE has whitespace that the two canonicalizations treat differently.
        String tags = "i=1; a=rsa-sha256; d=" + FIRST.domain() + "; s=" + FIRST.selector() + "; h=from:to:subject";

        assertThat(VALIDATOR.validate(sealed(tags, SIGNED, Canonicalization.SIMPLE)).cv())
            .isEqualTo(ChainValidationStatus.PASS);
        assertThat(VALIDATOR.validate(sealed(tags, SIGNED, Canonicalization.RELAXED)).cv())
            .isEqualTo(ChainValidationStatus.FAIL);
    }

    @Test
    void validateShouldSkipAnEmptyNameInAmsSignedHeaders() {
        // h=from:to::subject: RFC 6376's ABNF has no empty hdr-name, but h= is itself signed and an empty
        // name selects no field, so it adds nothing to the signed data and cannot be used to smuggle any.
        String tags = "i=1; a=rsa-sha256; c=relaxed/relaxed; d=" + FIRST.domain() + "; s=" + FIRST.selector()
            + "; h=from:to::subject";

        ArcValidation validation = VALIDATOR.validate(sealed(tags, SIGNED, Canonicalization.RELAXED));

        assertThat(validation.cv()).as(validation.failure().toString()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(validation.latest().orElseThrow().messageSignature().signedHeaders())
            .containsExactly("from", "to", "subject");
    }

    /**
     * MESSAGE under one ARC set whose AMS carries {@code amsTags} (without bh= and b=), its header fields and
     * body canonicalized with {@code canonicalization}.
     */
    static byte[] sealed(String amsTags, List<String> signedHeaders, Canonicalization canonicalization) {
        RawMessage message = RawMessage.parse(bytes(MESSAGE));
        String bodyHash = base64(new BodyHasher(canonicalization, OptionalLong.empty()).update(message).digest());
        String aar = "ARC-Authentication-Results: i=1; " + FIRST.authservId() + "; spf=pass smtp.mailfrom=origin.example";
        String unsignedAms = "ARC-Message-Signature: " + amsTags + "; bh=" + bodyHash + "; b=";
        String ams = unsignedAms
            + base64(FIRST.key().sign(SigningInput.compute(message, signedHeaders, canonicalization, unsignedAms)));
        String unsignedSeal = "ARC-Seal: i=1; a=rsa-sha256; cv=none; d=" + FIRST.domain() + "; s=" + FIRST.selector()
            + "; b=";
        String seal = unsignedSeal + base64(FIRST.key().sign(SealSigningInput.compute(List.of(aar, ams, unsignedSeal))));
        return bytes(seal + "\r\n" + ams + "\r\n" + aar + "\r\n" + MESSAGE);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
