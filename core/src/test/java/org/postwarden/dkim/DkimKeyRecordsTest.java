package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DkimKeyRecordsTest {
    private static final String RECORD = DkimKeys.generateEd25519().publicKey().dnsRecord();

    @Test
    void parseShouldDecodeARecordTextOnce() throws Exception {
        DkimKeyRecord first = DkimKeyRecords.parse(RECORD);

        assertThat(DkimKeyRecords.parse(RECORD)).isSameAs(first);
        assertThat(first.key().orElseThrow().encoded()).isEqualTo(DkimKeyRecord.parse(RECORD).key().orElseThrow().encoded());
    }

    @Test
    void parseShouldTreatAChangedRecordAsAnotherKey() throws Exception {
        DkimKeyRecord current = DkimKeyRecords.parse(RECORD);
        String revoked = "v=DKIM1; k=ed25519; p=";

        assertThat(DkimKeyRecords.parse(revoked).revoked()).isTrue();
        assertThat(DkimKeyRecords.parse(RECORD)).isSameAs(current);
        assertThat(DkimKeyRecords.parse(RECORD + "; t=y").testing()).isTrue();
    }

    @Test
    void parseShouldKeepRejectingARecordThatDoesNotParse() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> DkimKeyRecords.parse("v=DKIM1; k=ed25519; p=AAAA"))
                .isInstanceOf(DkimException.class);
        }
    }

    @Test
    void parseShouldStayBounded() throws Exception {
        DkimKeyRecord first = DkimKeyRecords.parse(RECORD + "; n=first");
        for (int i = 0; i < DkimKeyRecords.MAXIMUM_RECORDS * 2; i++) {
            DkimKeyRecords.parse(RECORD + "; n=" + i);
        }

        assertThat(DkimKeyRecords.parse(RECORD + "; n=first")).isNotSameAs(first);
    }
}
