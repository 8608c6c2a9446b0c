package org.postwarden.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postwarden.arc.ArcTestSupport.CLOCK;
import static org.postwarden.arc.ArcTestSupport.FIRST;
import static org.postwarden.arc.ArcTestSupport.MESSAGE;
import static org.postwarden.arc.ArcTestSupport.SECOND;
import static org.postwarden.arc.ArcTestSupport.THIRD;
import static org.postwarden.arc.ArcTestSupport.bytes;
import static org.postwarden.arc.ArcTestSupport.dkimSigned;
import static org.postwarden.arc.ArcTestSupport.forward;
import static org.postwarden.arc.ArcTestSupport.forwardThrough;
import static org.postwarden.arc.ArcTestSupport.text;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.postwarden.dkim.SignedHeaders;
import org.postwarden.dns.StaticZone;

class ArcSealerTest {
    private static final StaticZone ZONE = ArcTestSupport.zone().build();
    private static final ArcValidator VALIDATOR = new ArcValidator(ZONE, CLOCK);

    @Test
    void sealShouldReturnAarAmsAndSealToWriteSealFirst() throws Exception {
        ArcSealResult result = FIRST.sealer().seal(bytes(MESSAGE), "spf=pass smtp.mailfrom=origin.example",
            ArcValidation.none());

        assertThat(result.sealed()).isTrue();
        assertThat(result.instance()).isEqualTo(1);
        assertThat(result.cv()).isEqualTo(ChainValidationStatus.NONE);
        assertThat(result.fields()).satisfiesExactly(
            aar -> assertThat(aar).isEqualTo("ARC-Authentication-Results: i=1; mx.first.example;\r\n\tspf=pass smtp.mailfrom=origin.example"),
            ams -> assertThat(ams).startsWith("ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed;\r\n\td=first.example;"),
            seal -> assertThat(seal).startsWith("ARC-Seal: i=1; a=rsa-sha256; t=1700000000; cv=none; d=first.example; s=arc1;"));
        assertThat(result.headerBlock())
            .isEqualTo(result.fields().get(2) + "\r\n" + result.fields().get(1) + "\r\n" + result.fields().get(0) + "\r\n");
        assertThat(ArcSealParser.parse(result.fields().get(2)).timestamp()).contains(ArcTestSupport.NOW);
    }

    @Test
    void sealShouldSignDkimSignaturesAndOversignTheMainFields() throws Exception {
        byte[] message = forward(dkimSigned(MESSAGE), FIRST, ZONE);

        ArcMessageSignature ams = VALIDATOR.validate(message).latest().orElseThrow().messageSignature();

        assertThat(ams.signedHeaders()).containsSubsequence("dkim-signature", "from", "to", "subject", "date", "message-id")
            .containsOnlyOnce("dkim-signature").doesNotContain("authentication-results", "arc-seal")
            .filteredOn("from"::equals).hasSize(2);
    }

    @Test
    void sealShouldRefuseToSignArcSeal() {
        ArcSealer sealer = ArcSealer.withKey(FIRST.key()).domain(FIRST.domain()).selector(FIRST.selector())
            .authservId(FIRST.authservId()).headers(SignedHeaders.exactly(List.of("from", "arc-seal"))).build();

        assertThatThrownBy(() -> sealer.seal(bytes(MESSAGE), "", ArcValidation.none()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ARC-Seal");
    }

    @Test
    void sealShouldCopyOurResultsWithoutRepeatingOurAuthservId() {
        String withId = FIRST.sealer().seal(bytes(MESSAGE), " mx.first.example; dkim=pass header.d=origin.example",
            ArcValidation.none()).fields().get(0);
        String blank = FIRST.sealer().seal(bytes(MESSAGE), "", ArcValidation.none()).fields().get(0);

        assertThat(withId).isEqualTo("ARC-Authentication-Results: i=1; mx.first.example;\r\n\tdkim=pass header.d=origin.example");
        assertThat(blank).isEqualTo("ARC-Authentication-Results: i=1; mx.first.example;\r\n\tnone");
        assertThatThrownBy(() -> FIRST.sealer().seal(bytes(MESSAGE), "spf=pass\r\nX-Injected: yes", ArcValidation.none()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealShouldContinueAPassingChainWithCvPass() throws Exception {
        byte[] twice = forwardThrough(bytes(MESSAGE), ZONE, FIRST, SECOND);

        ArcSealResult result = THIRD.sealer().seal(twice, "arc=pass", VALIDATOR.validate(twice));

        assertThat(result.instance()).isEqualTo(3);
        assertThat(result.cv()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(ArcSealParser.parse(result.fields().get(2)).cv()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(VALIDATOR.validate(bytes(result.headerBlock() + text(twice))).cv()).isEqualTo(ChainValidationStatus.PASS);
    }

    @Test
    void sealShouldSealAFailedChainOnceCoveringOnlyItsOwnSet() throws Exception {
        byte[] tampered = bytes(text(forward(bytes(MESSAGE), FIRST, ZONE)).replace("Hello  Bob", "Hello  Eve"));
        ArcValidation incoming = VALIDATOR.validate(tampered);

        ArcSealResult result = SECOND.sealer().seal(tampered, "arc=fail", incoming);

        assertThat(result.status()).isEqualTo(ArcSealResult.Status.SEALED);
        assertThat(result.cv()).isEqualTo(ChainValidationStatus.FAIL);
        // §5.1.2: the seal covers the new set alone, as if it were the only one.
        ArcSeal seal = ArcSealParser.parse(result.fields().get(2));
        byte[] ownSetOnly = SealSigningInput.compute(List.of(result.fields().get(0), result.fields().get(1), seal.unsignedField()));
        assertThat(SECOND.key().publicKey().verify(ownSetOnly, seal.signature())).isTrue();

        byte[] sealed = bytes(result.headerBlock() + text(tampered));
        ArcValidation next = VALIDATOR.validate(sealed);
        assertThat(next.failure()).map(ArcFailure::reason).contains(ArcFailure.Reason.CHAIN_FAILED);
        ArcSealResult again = THIRD.sealer().seal(sealed, "arc=fail", next);
        assertThat(again.status()).isEqualTo(ArcSealResult.Status.CHAIN_TERMINATED);
        assertThat(again.instance()).isEqualTo(3);
        assertThat(again.headerBlock()).isEmpty();
    }

    @Test
    void sealShouldSealCvFailWhenTheChainBrokeAfterItPassed() {
        byte[] once = forward(bytes(MESSAGE), FIRST, ZONE);
        ArcValidation incoming = VALIDATOR.validate(once);
        String aar = text(once).lines().filter(l -> l.startsWith("ARC-Authentication-Results")).findFirst().orElseThrow();
        byte[] duplicated = bytes(aar + "\r\n\tspf=pass\r\n" + text(once));

        ArcSealResult result = SECOND.sealer().seal(duplicated, "arc=pass", incoming);

        assertThat(result.cv()).isEqualTo(ChainValidationStatus.FAIL);
    }

    @Test
    void sealShouldRejectTheValidationOfAnotherMessage() {
        byte[] once = forward(bytes(MESSAGE), FIRST, ZONE);

        assertThatThrownBy(() -> SECOND.sealer().seal(once, "arc=none", ArcValidation.none()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the message carries 1");
    }

    @Test
    void sealShouldPassFiftySetsAndRefuseTheFiftyFirst() {
        byte[] message = bytes(MESSAGE);
        for (int i = 0; i < ArcChain.MAX_SETS; i++) {
            message = forward(message, i % 2 == 0 ? FIRST : SECOND, ZONE);
        }
        ArcValidation fifty = VALIDATOR.validate(message);
        assertThat(fifty.cv()).as(fifty.failure().toString()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(fifty.instanceCount()).isEqualTo(50);

        ArcSealResult result = THIRD.sealer().seal(message, "arc=pass", fifty);

        assertThat(result.status()).isEqualTo(ArcSealResult.Status.INSTANCE_LIMIT);
        assertThat(result.instance()).isEqualTo(51);
        assertThat(result.fields()).isEmpty();
    }

    @Test
    void builderShouldRejectInvalidNames() {
        assertThatThrownBy(() -> ArcSealer.withKey(FIRST.key()).domain("bad domain"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArcSealer.withKey(FIRST.key()).domain("a.example").selector("s").authservId("x; y"))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
