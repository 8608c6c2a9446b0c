package org.postwarden.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.postwarden.dmarc.report.DmarcEvaluation.ReportUri;
import org.postwarden.dmarc.report.ReportDestinations.Destinations;
import org.postwarden.dns.StaticZone;

class ReportDestinationsTest {
    private final StaticZone zone = StaticZone.builder()
        .txt("example.com._report._dmarc.reports.example.net", "v=DMARC1")
        .txt("example.com._report._dmarc.wrong.example.net", "v=spf1 -all")
        .timeout("example.com._report._dmarc.slow.example.org")
        .build();
    private final ReportDestinations destinations = new ReportDestinations(zone);

    private Destinations verify(long size, ReportUri... uris) {
        return destinations.verify("example.com", List.of(uris), size);
    }

    @Test
    void anAddressInThePolicyDomainsOrganizationShouldNeedNoAuthorization() {
        Destinations verified = verify(1000, new ReportUri("mailto:dmarc@example.com", 0),
            new ReportUri("mailto:agg@reports.example.com?subject=dmarc", 0));

        assertThat(verified.addresses()).containsExactly("dmarc@example.com", "agg@reports.example.com");
        assertThat(zone.queries()).isEmpty();
    }

    @Test
    void aThirdPartyShouldBeUsedOnlyWhenItPublishesTheAuthorizationRecord() {
        Destinations verified = verify(1000, new ReportUri("mailto:a@reports.example.net", 0),
            new ReportUri("mailto:b@nobody.example.org", 0), new ReportUri("mailto:c@wrong.example.net", 0));

        assertThat(verified.addresses()).containsExactly("a@reports.example.net");
        assertThat(verified.refused()).hasSize(2)
            .anySatisfy(reason -> assertThat(reason).contains("example.com._report._dmarc.nobody.example.org"))
            .anySatisfy(reason -> assertThat(reason).contains("example.com._report._dmarc.wrong.example.net"));
        assertThat(verified.retryLater()).isFalse();
    }

    @Test
    void aReportLargerThanTheLimitShouldNotGoThere() {
        Destinations verified = verify(2048, new ReportUri("mailto:small@example.com", 1024),
            new ReportUri("mailto:big@example.com", 10L << 20));

        assertThat(verified.addresses()).containsExactly("big@example.com");
        assertThat(verified.refused()).singleElement().asString().contains("exceeds its limit of 1024 bytes");
    }

    @Test
    void aDnsFailureShouldAskForARetry() {
        Destinations verified = verify(1000, new ReportUri("mailto:a@slow.example.org", 0));

        assertThat(verified.addresses()).isEmpty();
        assertThat(verified.retryLater()).isTrue();
    }

    @Test
    void otherSchemesAndMalformedAddressesShouldBeRefused() {
        Destinations verified = verify(1000, new ReportUri("https://example.com/dmarc", 0),
            new ReportUri("mailto:nobody", 0), new ReportUri("mailto:a@example.com,b@example.com", 0));

        assertThat(verified.addresses()).isEmpty();
        assertThat(verified.refused()).hasSize(3);
    }
}
