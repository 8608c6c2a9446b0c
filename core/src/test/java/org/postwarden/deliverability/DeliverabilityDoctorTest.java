package org.postwarden.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.deliverability.DoctorFixture.target;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postwarden.dns.StaticZone;

class DeliverabilityDoctorTest {
    private static final List<String> CHECKS = List.of("spf", "dkim", "dmarc", "reverse-dns", "mx", "tls-certificate",
        "mta-sts", "tls-rpt");

    private final StaticZone zone = DoctorFixture.zone();
    private final DeliverabilityDoctor doctor = DoctorFixture.doctor(zone);

    private DeliverabilityReport examine(String domain) {
        return doctor.examine(target(domain));
    }

    private static Map<String, Status> statuses(DeliverabilityReport report) {
        return report.findings().stream().collect(Collectors.toMap(Finding::check, Finding::status, Status::worse));
    }

    private static Finding finding(DeliverabilityReport report, String check) {
        return report.findings().stream().filter(finding -> finding.check().equals(check)).findFirst().orElseThrow();
    }

    @Test
    void aWellConfiguredDomainShouldPassEveryCheck() {
        DeliverabilityReport report = examine("good.test");

        assertThat(report.findings()).extracting(Finding::check).containsExactlyElementsOf(CHECKS);
        assertThat(report.findings()).allSatisfy(finding -> {
            assertThat(finding.status()).as(finding.explanation()).isEqualTo(Status.PASS);
            assertThat(finding.publish()).isEmpty();
        });
        assertThat(report.status()).isEqualTo(Status.PASS);
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
        "nospf.test, spf, FAIL",
        "twospf.test, spf, FAIL",
        "badspf.test, spf, FAIL",
        "deepspf.test, spf, FAIL",
        "voidspf.test, spf, FAIL",
        "otherip.test, spf, FAIL",
        "dkimwrong.test, dkim, FAIL",
        "nodkim.test, dkim, FAIL",
        "nodmarc.test, dmarc, FAIL",
        "dmarcnone.test, dmarc, WARN",
        "norua.test, dmarc, WARN",
        "noptr.test, reverse-dns, FAIL",
        "unconfirmed.test, reverse-dns, FAIL",
        "nomx.test, mx, FAIL",
        "halfmx.test, mx, WARN",
        "nomtasts.test, mta-sts, WARN",
        "notlsrpt.test, tls-rpt, WARN",
    })
    void eachBrokenDomainShouldFailOnlyItsCheck(String domain, String check, Status status) {
        DeliverabilityReport report = examine(domain);

        Map<String, Status> statuses = statuses(report);
        assertThat(statuses).containsEntry(check, status);
        statuses.remove(check);
        if (!check.equals("mx")) {
            assertThat(statuses).as(report.findings().toString()).containsOnlyKeys(
                CHECKS.stream().filter(name -> !name.equals(check)).toArray(String[]::new)).allSatisfy((name, other) ->
                    assertThat(other).as(name).isEqualTo(Status.PASS));
        }
        assertThat(report.status()).isEqualTo(status);
    }

    @Test
    void missingSpfShouldSuggestARecordAuthorizingTheOutboundAddress() {
        Finding spf = finding(examine("nospf.test"), "spf");

        assertThat(spf.publish()).contains(SuggestedRecord.txt("nospf.test", "v=spf1 ip4:192.0.2.10 -all"));
    }

    @Test
    void unauthorizedAddressShouldBeAddedInFrontOfTheExistingRecord() {
        Finding spf = finding(examine("otherip.test"), "spf");

        assertThat(spf.explanation()).startsWith("SPF gives fail for 192.0.2.10 sending as otherip.test");
        assertThat(spf.publish()).contains(SuggestedRecord.txt("otherip.test", "v=spf1 ip4:192.0.2.10 ip4:198.51.100.1 -all"));
    }

    @Test
    void lookupCountShouldFollowIncludes() {
        assertThat(finding(examine("deepspf.test"), "spf").explanation()).contains("needs 11 DNS lookups");
        assertThat(finding(examine("voidspf.test"), "spf").explanation()).contains("3 lookups that find nothing");
        assertThat(finding(examine("good.test"), "spf").explanation()).contains("0 of 10 DNS lookups");
    }

    @Test
    void mismatchedDkimRecordShouldSuggestTheKeysRecord() {
        Finding dkim = finding(examine("dkimwrong.test"), "dkim");

        assertThat(dkim.explanation()).startsWith("selector ed (ed25519-sha256): ");
        assertThat(dkim.publish()).contains(SuggestedRecord.txt("ed._domainkey.dkimwrong.test",
            "v=DKIM1; k=ed25519; p=LVasbZpPYroBP9stHl8H8fzX9Jk9GsUKJEPzhdNjhE4="));
    }

    @Test
    void domainWithoutActiveKeyShouldPointToKeyGeneration() {
        assertThat(finding(examine("nodkim.test"), "dkim").explanation()).contains("POST /postwarden/dkim/domains/nodkim.test/keys");
    }

    @Test
    void dmarcFindingsShouldSuggestTheRecommendedRecord() {
        SuggestedRecord recommended = SuggestedRecord.txt("_dmarc.nodmarc.test",
            "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@nodmarc.test");
        assertThat(finding(examine("nodmarc.test"), "dmarc").publish()).contains(recommended);
        assertThat(finding(examine("norua.test"), "dmarc").publish())
            .contains(SuggestedRecord.txt("_dmarc.norua.test", "v=DMARC1; p=reject; rua=mailto:dmarc-reports@norua.test"));
    }

    @Test
    void reverseDnsFindingsShouldNameTheRecordToFix() {
        assertThat(finding(examine("noptr.test"), "reverse-dns").publish())
            .contains(new SuggestedRecord("20.2.0.192.in-addr.arpa", "PTR", "mail.good.test."));
        assertThat(finding(examine("unconfirmed.test"), "reverse-dns").publish())
            .contains(new SuggestedRecord("host.unconfirmed.test", "A", "192.0.2.30"));
    }

    @Test
    void ptrNameOtherThanTheHeloShouldWarn() {
        Target target = new Target("good.test", DoctorFixture.target("good.test").outboundIp(), Optional.of("smtp.good.test"));

        Finding reverse = new ReverseDnsCheck(zone).examine(target).get(0);

        assertThat(reverse.status()).isEqualTo(Status.WARN);
        assertThat(reverse.explanation()).contains("mail.good.test").contains("smtp.good.test");
    }

    @Test
    void mtaStsAndTlsRptShouldSuggestTheirRecords() {
        assertThat(finding(examine("nomtasts.test"), "mta-sts").publish())
            .contains(SuggestedRecord.txt("_mta-sts.nomtasts.test", "v=STSv1; id=2026112201"));
        assertThat(finding(examine("notlsrpt.test"), "tls-rpt").publish())
            .contains(SuggestedRecord.txt("_smtp._tls.notlsrpt.test", "v=TLSRPTv1; rua=mailto:tls-reports@notlsrpt.test"));
    }

    @Test
    void temporaryDnsFailuresShouldBeReportedNotThrown() {
        DeliverabilityReport report = examine("tempfail.test");

        for (String check : List.of("spf", "dkim", "dmarc", "mx", "mta-sts", "tls-rpt")) {
            Finding finding = finding(report, check);
            assertThat(finding.status()).as(check).isEqualTo(Status.WARN);
            assertThat(finding.explanation()).as(check).contains("temporary DNS failure");
        }
        assertThat(report.status()).isEqualTo(Status.WARN);
    }

    @Test
    void withoutAddressNorHeloTheChecksNeedingThemShouldSaySo() {
        DeliverabilityReport report = doctor.examine(new Target("good.test", Optional.empty(), Optional.empty()));

        assertThat(finding(report, "spf").status()).isEqualTo(Status.PASS);
        assertThat(finding(report, "spf").explanation()).contains("no outbound IP given");
        assertThat(finding(report, "reverse-dns").status()).isEqualTo(Status.WARN);
        assertThat(report.status()).isEqualTo(Status.WARN);
    }
}
