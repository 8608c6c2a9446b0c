package org.postwarden.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.postwarden.authresults.MethodResults;

class VerdictAttributesTest {
    @Test
    void resultsShouldReadBackEachMethod() {
        Map<String, List<String>> attributes = Map.of(VerdictAttributes.SPF, List.of("fail"),
            VerdictAttributes.DKIM, List.of("pass", "FAIL"), VerdictAttributes.DMARC, List.of("permerror"),
            VerdictAttributes.DISPOSITION, List.of("accept"));

        MethodResults results = VerdictAttributes.results(name -> attributes.getOrDefault(name, List.of())).orElseThrow();

        assertThat(results.says("spf", "fail")).isTrue();
        assertThat(results.says("dkim", "fail")).isTrue();
        assertThat(results.says("DMARC", "PermError")).isTrue();
        assertThat(results.says("dmarc", "fail")).isFalse();
        assertThat(results.says("arc", "none")).isFalse();
    }

    @Test
    void aMailWithoutDispositionShouldCarryNoVerdict() {
        Map<String, List<String>> attributes = Map.of(VerdictAttributes.DMARC, List.of("fail"));

        assertThat(VerdictAttributes.results(name -> attributes.getOrDefault(name, List.of()))).isEmpty();
    }
}
