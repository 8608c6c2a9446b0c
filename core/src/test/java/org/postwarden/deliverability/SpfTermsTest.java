package org.postwarden.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpfTermsTest {
    @Test
    void mechanismsAndModifiersShouldBeParsed() {
        SpfTerms terms = SpfTerms.parse("v=spf1 -ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:mail.example.com/24 "
            + "~include:_spf.example.net ptr exists:%{i}.bl.example redirect=_spf.example.com exp=why.example.com");

        assertThat(terms.terms()).extracting(SpfTerms.Term::name)
            .containsExactly("ip4", "ip6", "a", "mx", "include", "ptr", "exists", "redirect", "exp");
        assertThat(terms.terms().get(3).argument()).contains("mail.example.com");
        assertThat(terms.terms().get(2).argument()).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v=spf1 frobnicate", "v=spf1 ip4:300.0.0.1", "v=spf1 ip6:192.0.2.1", "v=spf1 include",
        "v=spf1 all:example.com", "v=spf1 redirect=a.example redirect=b.example", "spf1 -all"})
    void brokenRecordsShouldBeRejected(String record) {
        assertThatThrownBy(() -> SpfTerms.parse(record)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAVersionFollowedBySpaceOrNothingMakesAnSpfRecord() {
        assertThat(SpfTerms.isSpfRecord("v=spf1")).isTrue();
        assertThat(SpfTerms.isSpfRecord("V=SPF1 -all")).isTrue();
        assertThat(SpfTerms.isSpfRecord("v=spf10 -all")).isFalse();
        assertThat(SpfTerms.isSpfRecord("v=DMARC1; p=none")).isFalse();
    }
}
