package org.postwarden.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.arc.ArcTestSupport.CLOCK;
import static org.postwarden.arc.ArcTestSupport.bytes;

import org.junit.jupiter.api.Test;
import org.postwarden.dns.StaticZone;

/** ARC messages sealed by dkimpy, from its test suite and made for us (resources/arc/README.md): we agree with it. */
class ArcDkimpyVectorsTest {
    private static ArcValidation validate(String vectorFile) {
        String[] vector = ArcTestSupport.resourceText(vectorFile).split("\n\n", 2);
        StaticZone.Builder zone = StaticZone.builder();
        vector[0].lines().map(line -> line.split(" ", 2)).forEach(line -> zone.txt(line[0], line[1]));
        return new ArcValidator(zone.build(), CLOCK).validate(bytes(vector[1]));
    }

    @Test
    void anArcMessageSignatureWithAnEmptyHShouldValidate() {
        ArcValidation validation = validate("dkimpy-empty-h.txt");

        assertThat(validation.cv()).as(validation.failure().toString()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(validation.latest().orElseThrow().messageSignature().signedHeaders()).isEmpty();
    }

    @Test
    void anArcMessageSignatureNamingFieldsTheMessageLacksShouldValidate() {
        ArcValidation validation = validate("dkimpy-unknown-h.txt");

        assertThat(validation.cv()).as(validation.failure().toString()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(validation.latest().orElseThrow().messageSignature().signedHeaders())
            .containsExactly("x-mailing-list", "from", "x-original-to", "subject");
    }

    @Test
    void dkimpysSignedTestMessageShouldPass() {
        ArcValidation validation = validate("dkimpy-test-arc-signed.txt");

        assertThat(validation.cv()).as(validation.failure().toString()).isEqualTo(ChainValidationStatus.PASS);
    }

    @Test
    void dkimpysTestMessageWithHInTheSealShouldFail() {
        ArcValidation validation = validate("dkimpy-test-arc-h-in-seal.txt");

        assertThat(validation.cv()).isEqualTo(ChainValidationStatus.FAIL);
        assertThat(validation.failure().orElseThrow().message()).isEqualTo("ARC-Seal: h= is not allowed in an ARC-Seal");
    }
}
