package org.postwarden.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.arc.ArcTestSupport.CLOCK;
import static org.postwarden.arc.ArcTestSupport.FIRST;
import static org.postwarden.arc.ArcTestSupport.MESSAGE;
import static org.postwarden.arc.ArcTestSupport.SECOND;
import static org.postwarden.arc.ArcTestSupport.THIRD;
import static org.postwarden.arc.ArcTestSupport.bytes;
import static org.postwarden.arc.ArcTestSupport.forwardThrough;
import static org.postwarden.arc.ArcTestSupport.text;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.postwarden.dkim.RawMessage;
import org.postwarden.dns.StaticZone;

class ArcForwardSealerTest {
    private static final StaticZone ZONE = ArcTestSupport.zone().build();
    private static final ArcValidator VALIDATOR = new ArcValidator(ZONE, CLOCK);
    private static final ArcForwardSealer SEALER = new ArcForwardSealer(VALIDATOR, THIRD.authservId());

    private static byte[] checkedByThird(byte[] message, String resinfos) {
        return bytes("Authentication-Results: " + THIRD.authservId() + "; " + resinfos + "\r\n" + text(message));
    }

    private static ArcForwardSeal seal(byte[] message) {
        return SEALER.seal(RawMessage.parse(message), () -> Optional.of(THIRD.sealer()));
    }

    @Test
    void aMessageWeCheckedShouldBeSealedOnTopWithOurResults() {
        byte[] message = checkedByThird(forwardThrough(bytes(MESSAGE), ZONE, FIRST, SECOND), "spf=pass smtp.mailfrom=a.example");

        ArcForwardSeal seal = seal(message);

        assertThat(seal.status()).isEqualTo(ArcForwardSeal.Status.SEALED);
        String sealed = text(seal.message().orElseThrow());
        assertThat(sealed).startsWith("ARC-Seal: i=3; a=rsa-sha256; t=1700000000; cv=pass; d=third.example;")
            .endsWith(text(message));
        assertThat(sealed).contains("ARC-Authentication-Results: i=3; mx.third.example;\r\n\tspf=pass smtp.mailfrom=a.example\r\n");
        assertThat(VALIDATOR.validate(seal.message().orElseThrow()).cv()).isEqualTo(ChainValidationStatus.PASS);
    }

    @Test
    void aFailingChainShouldBeSealedWithCvFail() {
        byte[] tampered = bytes(text(forwardThrough(bytes(MESSAGE), ZONE, FIRST, SECOND)).replace("Hello  Bob", "Hello  Eve"));

        ArcForwardSeal seal = seal(checkedByThird(tampered, "arc=fail"));

        assertThat(seal.status()).isEqualTo(ArcForwardSeal.Status.SEALED);
        assertThat(seal.result().orElseThrow().cv()).isEqualTo(ChainValidationStatus.FAIL);
        assertThat(seal.incoming().flatMap(ArcValidation::failure)).map(ArcFailure::reason)
            .contains(ArcFailure.Reason.BODY_HASH_MISMATCH);
    }

    @Test
    void aChainWhoseNewestSealSaysFailShouldNotBeExtended() {
        byte[] tampered = bytes(text(forwardThrough(bytes(MESSAGE), ZONE, FIRST, SECOND)).replace("Hello  Bob", "Hello  Eve"));
        byte[] failed = seal(checkedByThird(tampered, "arc=fail")).message().orElseThrow();

        ArcForwardSeal seal = seal(checkedByThird(failed, "arc=fail"));

        assertThat(seal.status()).isEqualTo(ArcForwardSeal.Status.CHAIN_TERMINATED);
        assertThat(seal.message()).isEmpty();
    }

    @Test
    void aMessageWithoutOurAuthenticationResultsShouldNotBeSealedNorAKeyLookedUp() {
        AtomicInteger lookups = new AtomicInteger();

        ArcForwardSeal seal = SEALER.seal(RawMessage.parse(bytes("Authentication-Results: mx.other.example; spf=pass\r\n"
            + MESSAGE)), () -> {
                lookups.incrementAndGet();
                return Optional.of(THIRD.sealer());
            });

        assertThat(seal.status()).isEqualTo(ArcForwardSeal.Status.NOT_CHECKED_BY_US);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void aMessageWithoutAuthorDomainShouldNotBeSealed() {
        ArcForwardSeal seal = seal(checkedByThird(bytes(MESSAGE), "spf=pass smtp.mailfrom=a.example; dmarc=permerror"));

        assertThat(seal.status()).isEqualTo(ArcForwardSeal.Status.DMARC_PERMERROR);
    }

    @Test
    void withoutAKeyNothingShouldBeSealed() {
        ArcForwardSeal seal = SEALER.seal(RawMessage.parse(checkedByThird(bytes(MESSAGE), "spf=pass")), Optional::empty);

        assertThat(seal.status()).isEqualTo(ArcForwardSeal.Status.NO_KEY);
    }
}
