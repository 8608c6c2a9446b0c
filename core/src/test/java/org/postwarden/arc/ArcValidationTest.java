package org.postwarden.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.arc.ArcTestSupport.CLOCK;
import static org.postwarden.arc.ArcTestSupport.FIRST;
import static org.postwarden.arc.ArcTestSupport.MESSAGE;
import static org.postwarden.arc.ArcTestSupport.SECOND;
import static org.postwarden.arc.ArcTestSupport.bytes;
import static org.postwarden.arc.ArcTestSupport.text;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postwarden.dns.StaticZone;

/** Trusted-sealer extraction, for a DMARC evaluator that may override a fail on a trusted forwarder's word. */
class ArcValidationTest {
    private static final StaticZone ZONE = ArcTestSupport.zone().build();
    private static final ArcValidator VALIDATOR = new ArcValidator(ZONE, CLOCK);

    @Test
    void trustedOriginalAuthenticationShouldReportWhatTheNewestTrustedSealerSaw() {
        ArcValidation validation = VALIDATOR.validate(sealed(FIRST, "spf=fail smtp.mailfrom=origin.example;"
            + " dkim=fail header.d=origin.example; dkim=pass header.d=origin.example"));

        assertThat(validation.trustedOriginalAuthentication(Set.of("FIRST.example.")))
            .contains(new TrustedArcSealer(FIRST.domain(), 1, FIRST.authservId(), false, true));
    }

    @Test
    void trustedOriginalAuthenticationShouldReportSpfPass() {
        ArcValidation validation = VALIDATOR.validate(sealed(FIRST, "spf=pass smtp.mailfrom=origin.example"));

        assertThat(validation.trustedOriginalAuthentication(Set.of(FIRST.domain())))
            .hasValueSatisfying(sealer -> {
                assertThat(sealer.spfPass()).isTrue();
                assertThat(sealer.dkimPass()).isFalse();
            });
    }

    @Test
    void trustedOriginalAuthenticationShouldIgnoreTrustedSealersBelowTheNewestSet() {
        byte[] once = sealed(FIRST, "spf=pass smtp.mailfrom=origin.example");
        ArcSealResult second = SECOND.sealer().seal(once, "arc=pass", VALIDATOR.validate(once));
        ArcValidation validation = VALIDATOR.validate(bytes(second.headerBlock() + text(once)));

        assertThat(validation.cv()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(validation.trustedOriginalAuthentication(Set.of(FIRST.domain()))).isEmpty();
    }

    @Test
    void trustedOriginalAuthenticationShouldBeEmptyWhenTheChainFails() {
        byte[] tampered = bytes(text(sealed(FIRST, "spf=pass smtp.mailfrom=origin.example")).replace("Hello", "Bye"));

        assertThat(VALIDATOR.validate(tampered).trustedOriginalAuthentication(Set.of(FIRST.domain()))).isEmpty();
        assertThat(ArcValidation.none().trustedOriginalAuthentication(Set.of(FIRST.domain()))).isEmpty();
    }

    private static byte[] sealed(ArcTestSupport.Hop hop, String results) {
        byte[] message = bytes(MESSAGE);
        return bytes(hop.sealer().seal(message, results, ArcValidation.none()).headerBlock() + MESSAGE);
    }
}
