package org.postwarden.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DmarcCorpusTest {
    static Stream<DmarcCase> cases() {
        return DmarcCase.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corpusCaseShouldGiveTheExpectedResultAndPolicy(DmarcCase dmarcCase) {
        DmarcResult result = dmarcCase.evaluate();

        assertThat(DmarcCase.summary(result))
            .isEqualTo("dmarc=" + dmarcCase.result() + " policy=" + dmarcCase.policy());
        DmarcPolicy expectedDisposition = dmarcCase.disposition().map(d -> DmarcPolicy.valueOf(d.toUpperCase()))
            .orElse(result.status() == DmarcStatus.FAIL ? result.policy().orElseThrow() : DmarcPolicy.NONE);
        assertThat(result.disposition()).isEqualTo(expectedDisposition);
    }
}
