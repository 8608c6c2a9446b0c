package org.postwarden.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.arc.ArcTestSupport.CLOCK;
import static org.postwarden.arc.ArcTestSupport.ED25519;
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
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.StaticZone;

class ArcValidatorTest {
    private static final StaticZone ZONE = ArcTestSupport.zone().build();
    private static final ArcValidator VALIDATOR = new ArcValidator(ZONE, CLOCK);

    @Test
    void validateShouldReturnNoneWithoutArcFields() {
        ArcValidation validation = VALIDATOR.validate(dkimSigned(MESSAGE));

        assertThat(validation).isEqualTo(ArcValidation.none());
    }

    @Test
    void validateShouldPassChainsOfOneToThreeHopsThroughDifferentDomains() {
        byte[] message = dkimSigned(MESSAGE);
        for (ArcTestSupport.Hop hop : new ArcTestSupport.Hop[] {FIRST, SECOND, THIRD}) {
            message = forward(message, hop, ZONE);
            ArcValidation validation = VALIDATOR.validate(message);

            assertThat(validation.cv()).as(validation.failure().toString()).isEqualTo(ChainValidationStatus.PASS);
            assertThat(validation.oldestPass()).isZero();
            assertThat(validation.latest().orElseThrow().seal().domain()).isEqualTo(hop.domain());
        }
        ArcValidation validation = VALIDATOR.validate(message);
        assertThat(validation.instanceCount()).isEqualTo(3);
        assertThat(validation.sets()).extracting(set -> set.seal().domain())
            .containsExactly(FIRST.domain(), SECOND.domain(), THIRD.domain());
        assertThat(validation.sets()).extracting(set -> set.authenticationResults().authservId())
            .containsExactly(FIRST.authservId(), SECOND.authservId(), THIRD.authservId());
    }

    @Test
    void validateShouldPassEd25519Seals() {
        ArcValidation validation = VALIDATOR.validate(forwardThrough(bytes(MESSAGE), ZONE, FIRST, ED25519));

        assertThat(validation.cv()).as(validation.failure().toString()).isEqualTo(ChainValidationStatus.PASS);
    }

    @Test
    void validateShouldReportTheOldestPassWhenAHopChangedTheBody() {
        byte[] once = forward(bytes(MESSAGE), FIRST, ZONE);
        ArcValidation arrived = VALIDATOR.validate(once);
        byte[] withFooter = bytes(text(once) + "-- \r\nlists.example\r\n");
        ArcSealResult sealed = SECOND.sealer().seal(withFooter, "arc=pass", arrived);
        byte[] thrice = forward(bytes(sealed.headerBlock() + text(withFooter)), THIRD, ZONE);

        ArcValidation validation = VALIDATOR.validate(thrice);

        assertThat(validation.cv()).as(validation.failure().toString()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(validation.oldestPass()).isEqualTo(2);
    }

    @Test
    void validateShouldAcceptAChainSealedTwiceByDkimpy() {
        String[] vector = ArcTestSupport.resourceText("dkimpy-2-hops.txt").split("\n\n", 2);
        StaticZone.Builder zone = StaticZone.builder();
        vector[0].lines().map(line -> line.split(" ", 2)).forEach(line -> zone.txt(line[0], line[1]));

        ArcValidation validation = new ArcValidator(zone.build(), CLOCK).validate(bytes(vector[1]));

        assertThat(validation.cv()).as(validation.failure().toString()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(validation.trustedOriginalAuthentication(Set.of("second.example")))
            .contains(new TrustedArcSealer("second.example", 2, "mx.second.example", false, false));
    }

    @Test
    void validateShouldFailWhenTheBodyWasTampered() {
        byte[] message = forwardThrough(bytes(MESSAGE), ZONE, FIRST, SECOND);

        assertFailure(VALIDATOR.validate(bytes(text(message).replace("Hello  Bob", "Hello  Eve"))),
            ArcFailure.Reason.BODY_HASH_MISMATCH);
    }

    @Test
    void validateShouldFailWhenASignedHeaderWasTampered() {
        byte[] message = forwardThrough(bytes(MESSAGE), ZONE, FIRST, SECOND);

        assertFailure(VALIDATOR.validate(bytes(text(message).replace("Subject: ", "Subject: [list] "))),
            ArcFailure.Reason.AMS_SIGNATURE_MISMATCH);
    }

    @Test
    void validateShouldFailWhenAnAsWasTampered() {
        byte[] message = forwardThrough(bytes(MESSAGE), ZONE, FIRST, SECOND);
        // Only the seals cover the ARC-Authentication-Results.
        byte[] tampered = bytes(text(message).replace("i=1; mx.first.example;\r\n\tspf=pass", "i=1; mx.first.example;\r\n\tspf=fail"));
        assertThat(tampered).isNotEqualTo(message);

        assertFailure(VALIDATOR.validate(tampered), ArcFailure.Reason.SEAL_SIGNATURE_MISMATCH);
        assertFailure(VALIDATOR.validate(bytes(text(message).replace("t=1700000000; cv=none", "t=1700000001; cv=none"))),
            ArcFailure.Reason.SEAL_SIGNATURE_MISMATCH);
    }

    @Test
    void validateShouldFailWhenTheNewestAmsExpired() {
        byte[] message = forward(bytes(MESSAGE), FIRST, ZONE);

        assertFailure(VALIDATOR.validate(bytes(text(message).replace("c=relaxed/relaxed;", "c=relaxed/relaxed; x=1600000000;"))),
            ArcFailure.Reason.SIGNATURE_EXPIRED);
    }

    @Test
    void validateShouldFailTemporarilyWhenAKeyQueryTimesOut() {
        byte[] message = forwardThrough(bytes(MESSAGE), ZONE, FIRST, SECOND);
        DnsResolver timingOut = ArcTestSupport.zone().timeout(FIRST.keyName()).build();

        ArcValidation validation = new ArcValidator(timingOut, CLOCK).validate(message);

        assertFailure(validation, ArcFailure.Reason.KEY_UNAVAILABLE);
        assertThat(validation.temporary()).isTrue();
        assertThat(validation.sets()).hasSize(2);
    }

    @Test
    void validateShouldFailForGoodWhenAKeyIsMissing() {
        byte[] message = forwardThrough(bytes(MESSAGE), ZONE, FIRST, SECOND);
        DnsResolver withoutFirst = StaticZone.builder().txt(SECOND.keyName(), SECOND.key().publicKey().dnsRecord()).build();

        ArcValidation validation = new ArcValidator(withoutFirst, CLOCK).validate(message);

        assertFailure(validation, ArcFailure.Reason.KEY_INVALID);
        assertThat(validation.temporary()).isFalse();
    }

    @Test
    void validateShouldAskForEachKeyOnce() {
        byte[] message = forwardThrough(bytes(MESSAGE), ZONE, FIRST, SECOND, FIRST);
        StaticZone zone = ArcTestSupport.zone().build();

        assertThat(new ArcValidator(zone, CLOCK).validate(message).cv()).isEqualTo(ChainValidationStatus.PASS);

        assertThat(zone.queries()).containsOnlyOnce("TXT " + FIRST.keyName()).containsOnlyOnce("TXT " + SECOND.keyName());
    }

    @Test
    void validateShouldReportStructureFailuresWithTheHighestInstance() {
        ArcValidation validation = VALIDATOR.validate(ArcChainTest.message(List.of(ArcChainTest.ams(4))));

        assertFailure(validation, ArcFailure.Reason.BROKEN_CHAIN);
        assertThat(validation.instanceCount()).isEqualTo(4);
        assertThat(validation.sets()).isEmpty();
    }

    private static void assertFailure(ArcValidation validation, ArcFailure.Reason reason) {
        assertThat(validation.cv()).isEqualTo(ChainValidationStatus.FAIL);
        assertThat(validation.failure()).map(ArcFailure::reason).contains(reason);
        assertThat(validation.oldestPass()).isZero();
    }
}
