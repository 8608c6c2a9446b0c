package org.postwarden.spf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postwarden.dns.StaticZone;

class SpfCorpusTest {
    static java.util.stream.Stream<SpfCorpus> cases() {
        return SpfCorpus.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corpusCaseShouldGiveTheExpectedResult(SpfCorpus spfCase) {
        SpfResult result = new SpfVerifier(StaticZone.fromJson(spfCase.zoneJson()))
            .check(InetAddresses.forString(spfCase.ip()), spfCase.mailFrom(), spfCase.helo());

        assertThat(result.status().keyword()).isEqualTo(spfCase.result());
        if (result.status() == SpfStatus.FAIL) {
            assertThat(result.explanation()).isEqualTo(spfCase.explanation());
        }
    }

    @Test
    void corpusShouldCoverEveryResultWithAtLeastFiftyCases() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(cases().map(SpfCorpus::result).distinct())
            .containsExactlyInAnyOrder("pass", "fail", "softfail", "neutral", "none", "temperror", "permerror");
    }
}
