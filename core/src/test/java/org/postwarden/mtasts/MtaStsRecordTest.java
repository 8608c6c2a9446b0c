package org.postwarden.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MtaStsRecordTest {
    @Test
    void rfcExampleRecordShouldGiveItsId() {
        // RFC 8461 §3.1
        assertThat(MtaStsRecord.parse("v=STSv1; id=20160831085700Z;")).contains(new MtaStsRecord("20160831085700Z"));
    }

    @Test
    void extensionFieldsShouldBeIgnored() {
        assertThat(MtaStsRecord.parse("v=STSv1;ext=1;id=abc")).contains(new MtaStsRecord("abc"));
    }

    @Test
    void recordWithoutValidIdShouldBeInvalid() {
        assertThat(MtaStsRecord.parse("v=STSv1;")).isEmpty();
        assertThat(MtaStsRecord.parse("v=STSv1; id=")).isEmpty();
        assertThat(MtaStsRecord.parse("v=STSv1; id=has-dash")).isEmpty();
        assertThat(MtaStsRecord.parse("v=STSv1; id=" + "a".repeat(33))).isEmpty();
        assertThat(MtaStsRecord.parse("v=STSv2; id=abc")).isEmpty();
    }

    @Test
    void selectShouldIgnoreOtherTxtRecords() {
        assertThat(MtaStsRecord.select(List.of("v=spf1 -all", "v=STSv1; id=1"))).contains(new MtaStsRecord("1"));
    }

    @Test
    void twoRecordsShouldMeanNoPolicy() {
        // §3.1: "If the number of resulting records is not one ... no available MTA-STS Policy"
        assertThat(MtaStsRecord.select(List.of("v=STSv1; id=1", "v=STSv1; id=2"))).isEmpty();
        assertThat(MtaStsRecord.select(List.of())).isEqualTo(Optional.empty());
    }
}
