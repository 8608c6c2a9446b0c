package org.postwarden.webadmin.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The quarantine routes take no body; their query parameters are refused with IllegalArgumentException (a 400). */
class QuarantineFilterPropertiesTest {
    @Property(tries = 2000)
    void anyQueryShouldGiveAFilterOrIllegalArgumentException(@ForAll("queries") Map<String, String> query) {
        try {
            QuarantineFilter filter = QuarantineFilter.parse(query::get);
            assertThat(filter.limit()).isBetween(1, QuarantineFilter.MAX_LIMIT);
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Map<String, String>> queries() {
        Arbitrary<String> values = Arbitraries.oneOf(
            Arbitraries.of("2026-11-22", "2026-11-22T10:00:00Z", "+999999999-12-31", "2026-02-30", "-1", "0", "10000",
                "10001", "99999999999", " 5 ", "", "1e3", "2026-11-22T10:00:00+25:00", "\u0000"),
            Arbitraries.strings().ofMaxLength(30));
        return Arbitraries.maps(Arbitraries.of("recipient", "sender", "reason", "since", "until", "limit"), values).ofMaxSize(6);
    }
}
