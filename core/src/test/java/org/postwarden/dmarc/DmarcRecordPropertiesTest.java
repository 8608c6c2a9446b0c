package org.postwarden.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.testing.Fuzz;

class DmarcRecordPropertiesTest {
    private static final String[] VALID = {
        "v=DMARC1; p=reject",
        "v=DMARC1; p=quarantine; sp=reject; pct=25; adkim=s; aspf=s; rua=mailto:a@example.com; ruf=mailto:f@example.com;"
            + " fo=1; rf=afrf; ri=86400",
        "v = DMARC1 ;\tP = Reject ; ADKIM=S ;",
        "v=DMARC1; p=none; np=reject; x_future=1",
    };

    @Test
    void parseShouldOnlyEverFailWithInvalidRecordException() {
        Fuzz.forAll("DMARC records parse or fail with InvalidRecordException", 2000, BadInput.near(VALID), txt -> {
            boolean looksLikeDmarc = DmarcRecordParser.isDmarcRecord(txt);
            try {
                DmarcRecord record = DmarcRecordParser.parse(txt);
                assertThat(record.policy()).isNotNull();
                assertThat(looksLikeDmarc).isTrue();
            } catch (DmarcRecordParser.InvalidRecordException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        });
    }
}
