package org.postwarden.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postwarden.dns.StaticZone;

class SpfLookupCountTest {
    private static SpfLookupCount count(StaticZone zone, String record) {
        return SpfLookupCount.of(zone, "example.com", SpfTerms.parse(record));
    }

    @Test
    void everyQueryingTermShouldCountThroughIncludes() {
        StaticZone zone = StaticZone.builder()
            .txt("_spf.example.net", "v=spf1 mx ptr exists:%{i}.bl.example.net include:_more.example.net ~all")
            .txt("_more.example.net", "v=spf1 ip4:192.0.2.0/24 -all")
            .mx("example.net", 10, "mx.example.net")
            .a("example.com", "192.0.2.1")
            .build();

        SpfLookupCount count = count(zone, "v=spf1 a include:_spf.example.net ip4:198.51.100.0/24 -all");

        // a, include, then mx, ptr, exists and include inside.
        assertThat(count.lookups()).isEqualTo(6);
        assertThat(count.problems()).isEmpty();
    }

    @Test
    void mxAndNamesWithoutAnswerShouldBeVoidLookups() {
        StaticZone zone = StaticZone.builder().a("example.com", "192.0.2.1").build();

        SpfLookupCount count = count(zone, "v=spf1 mx a:gone.example.com a -all");

        assertThat(count.lookups()).isEqualTo(3);
        assertThat(count.voidLookups()).isEqualTo(2);
    }

    @Test
    void includeWithoutRecordAndLoopsShouldBeProblems() {
        StaticZone zone = StaticZone.builder()
            .txt("loop.example.net", "v=spf1 include:example.com -all")
            .txt("example.com", "v=spf1 include:loop.example.net -all")
            .build();

        assertThat(count(zone, "v=spf1 include:nothing.example.net -all").problems())
            .containsExactly("include:nothing.example.net has no SPF records");
        assertThat(count(zone, "v=spf1 include:loop.example.net -all").problems())
            .containsExactly("include:example.com loops back to a record already evaluated");
    }

    @Test
    void redirectShouldBeIgnoredNextToAll() {
        StaticZone zone = StaticZone.builder().txt("_spf.example.net", "v=spf1 a mx -all").build();

        assertThat(count(zone, "v=spf1 redirect=_spf.example.net").lookups()).isEqualTo(3);
        assertThat(count(zone, "v=spf1 -all redirect=_spf.example.net").lookups()).isZero();
    }

    @Test
    void temporaryFailureShouldStopTheCount() {
        StaticZone zone = StaticZone.builder().timeout("_spf.example.net").build();

        assertThat(count(zone, "v=spf1 include:_spf.example.net -all").temporaryFailure())
            .contains("TXT _spf.example.net (timeout)");
    }
}
