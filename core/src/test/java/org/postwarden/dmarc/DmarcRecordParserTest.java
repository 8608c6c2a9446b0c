package org.postwarden.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DmarcRecordParserTest {
    @Test
    void parseShouldFillDefaults() throws Exception {
        DmarcRecord record = DmarcRecordParser.parse("v=DMARC1; p=reject");

        assertThat(record.policy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(record.subdomainPolicy()).isEmpty();
        assertThat(record.percent()).isEqualTo(100);
        assertThat(record.dkimAlignment()).isEqualTo(Alignment.Mode.RELAXED);
        assertThat(record.spfAlignment()).isEqualTo(Alignment.Mode.RELAXED);
        assertThat(record.failureOptions()).containsExactly("0");
        assertThat(record.reportInterval()).isEqualTo(86400);
        assertThat(record.reportFormats()).containsExactly("afrf");
    }

    @Test
    void parseShouldReadEveryTag() throws Exception {
        DmarcRecord record = DmarcRecordParser.parse("v=DMARC1; p=quarantine; sp=reject; pct=25; adkim=s; aspf=s; "
            + "rua=mailto:agg@example.com!10m, mailto:agg@example.net; ruf=mailto:ruf@example.com; fo=1:d; "
            + "ri=3600; rf=afrf");

        assertThat(record.policy()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(record.subdomainPolicy()).contains(DmarcPolicy.REJECT);
        assertThat(record.percent()).isEqualTo(25);
        assertThat(record.dkimAlignment()).isEqualTo(Alignment.Mode.STRICT);
        assertThat(record.spfAlignment()).isEqualTo(Alignment.Mode.STRICT);
        assertThat(record.aggregateReports())
            .containsExactly(URI.create("mailto:agg@example.com"), URI.create("mailto:agg@example.net"));
        assertThat(record.aggregateReportLimits()).containsOnly(entry(URI.create("mailto:agg@example.com"), 10L << 20));
        assertThat(record.failureReports()).containsExactly(URI.create("mailto:ruf@example.com"));
        assertThat(record.failureOptions()).containsExactly("1", "d");
        assertThat(record.reportInterval()).isEqualTo(3600);
    }

    @Test
    void sizeLimitsShouldBeReadInBytesWithBinaryUnits() throws Exception {
        DmarcRecord record = DmarcRecordParser.parse("v=DMARC1; p=none; "
            + "rua=mailto:a@example.com!500, mailto:b@example.com!2K, mailto:c@example.com!1g, mailto:d@example.com!99999999999999999999t");

        assertThat(record.aggregateReportLimits()).containsOnly(
            entry(URI.create("mailto:a@example.com"), 500L),
            entry(URI.create("mailto:b@example.com"), 2048L),
            entry(URI.create("mailto:c@example.com"), 1L << 30),
            entry(URI.create("mailto:d@example.com"), Long.MAX_VALUE));
    }

    @Test
    void parseShouldTolerateWhitespaceAndKeywordCase() throws Exception {
        DmarcRecord record = DmarcRecordParser.parse("v = DMARC1 ;\tP = Reject ; ADKIM=S ;");

        assertThat(record.policy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(record.dkimAlignment()).isEqualTo(Alignment.Mode.STRICT);
    }

    @Test
    void parseShouldIgnoreUnknownTags() throws Exception {
        // RFC 7489 §6.3: unknown tags MUST be ignored.
        assertThat(DmarcRecordParser.parse("v=DMARC1; p=none; np=reject; x_future=1").policy())
            .isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void missingPolicyWithValidRuaShouldReadAsNone() throws Exception {
        // RFC 7489 §6.6.3 step 6.
        DmarcRecord record = DmarcRecordParser.parse("v=DMARC1; rua=mailto:dmarc@example.com");

        assertThat(record.policy()).isEqualTo(DmarcPolicy.NONE);
    }

    @Test
    void invalidSubdomainPolicyWithValidRuaShouldReadAsNone() throws Exception {
        DmarcRecord record = DmarcRecordParser.parse("v=DMARC1; p=reject; sp=bounce; rua=mailto:d@example.com");

        assertThat(record.policy()).isEqualTo(DmarcPolicy.NONE);
        assertThat(record.subdomainPolicy()).isEmpty();
    }

    @Test
    void malformedReportingTagsShouldBeIgnored() throws Exception {
        DmarcRecord record = DmarcRecordParser.parse("v=DMARC1; p=reject; rua=not a uri; fo=x; ri=soon");

        assertThat(record.aggregateReports()).isEmpty();
        assertThat(record.failureOptions()).containsExactly("0");
        assertThat(record.reportInterval()).isEqualTo(86400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "v=DMARC1",
        "v=DMARC1; p=block",
        "v=DMARC1; rua=bogus; p=",
        "v=DMARC1; p=reject; pct=101",
        "v=DMARC1; p=reject; pct=-1",
        "v=DMARC1; p=reject; pct=fifty",
        "v=DMARC1; p=reject; adkim=x",
        "v=DMARC1; p=reject; p=none",
        "v=DMARC1; p=reject; P=none",
        "p=reject; v=DMARC1",
        "v=dmarc1; p=reject",
        "v=DMARC10; p=reject"
    })
    void parseShouldRejectUnusableRecords(String txt) {
        assertThatThrownBy(() -> DmarcRecordParser.parse(txt))
            .isInstanceOf(DmarcRecordParser.InvalidRecordException.class);
    }

    @Test
    void isDmarcRecordShouldRequireTheVersionFirst() {
        assertThat(DmarcRecordParser.isDmarcRecord("v=DMARC1; p=none")).isTrue();
        assertThat(DmarcRecordParser.isDmarcRecord("v=DMARC1")).isTrue();
        assertThat(DmarcRecordParser.isDmarcRecord("p=none; v=DMARC1")).isFalse();
        assertThat(DmarcRecordParser.isDmarcRecord("v=spf1 -all")).isFalse();
    }
}
