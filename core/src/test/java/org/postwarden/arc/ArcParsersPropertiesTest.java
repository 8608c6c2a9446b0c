package org.postwarden.arc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.testing.Fuzz;

class ArcParsersPropertiesTest {
    private static final String[] SEALS = {
        "ARC-Seal: i=2; a=rsa-sha256; t=1700000000; cv=pass; d=fwd.example;\r\n s=arc; b=AAAA\r\n\tBBBB",
        "ARC-Seal: i=1; a=ed25519-sha256; cv=none; d=x.example; s=s; b=YWJjZA==",
    };
    private static final String[] MESSAGE_SIGNATURES = {
        "ARC-Message-Signature: v=1; i=1; a=ed25519-sha256; d=fwd.example; s=arc; h=From : To:subject; bh=AAAA;"
            + " b=AAAA; l=10; x=1800000000",
        "ARC-Message-Signature: i=1; a=rsa-sha256; c=simple; d=fwd.example; s=arc; h=from; bh=AAAA; b=AAAA",
    };
    private static final String[] AUTHENTICATION_RESULTS = {
        "ARC-Authentication-Results: i=3; mx.example.org; spf=pass smtp.mailfrom=origin.example; dkim=pass"
            + " header.d=origin.example (good) reason=\"ok; really\"; arc=none",
        "ARC-Authentication-Results: i=1; mx1.example; none",
    };

    @Test
    void sealParserShouldOnlyEverFailWithArcException() {
        Fuzz.forAll("ARC-Seal fields parse or fail with ArcException", 1500, BadInput.near(SEALS), field -> {
            try {
                assertThat(ArcSealParser.parse(field).instance()).isBetween(1, ArcChain.MAX_SETS);
            } catch (ArcException expected) {
                assertThat(expected.failure()).isNotNull();
            }
        });
    }

    @Test
    void messageSignatureParserShouldOnlyEverFailWithArcException() {
        Fuzz.forAll("ARC-Message-Signature fields parse or fail with ArcException", 1500,
            BadInput.near(MESSAGE_SIGNATURES), field -> {
            try {
                assertThat(ArcMessageSignatureParser.parse(field).instance()).isBetween(1, ArcChain.MAX_SETS);
            } catch (ArcException expected) {
                assertThat(expected.failure()).isNotNull();
            }
        });
    }

    @Test
    void authenticationResultsParserShouldOnlyEverFailWithArcException() {
        Fuzz.forAll("ARC-Authentication-Results fields parse or fail with ArcException", 1500,
            BadInput.near(AUTHENTICATION_RESULTS), field -> {
            try {
                assertThat(ArcAuthenticationResults.parse(field).instance()).isBetween(1, ArcChain.MAX_SETS);
            } catch (ArcException expected) {
                assertThat(expected.failure()).isNotNull();
            }
        });
    }
}
