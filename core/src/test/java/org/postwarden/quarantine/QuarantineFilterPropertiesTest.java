package org.postwarden.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.testing.Fuzz;

/** The quarantine routes take no body; their query parameters are refused with IllegalArgumentException (a 400). */
class QuarantineFilterPropertiesTest {
    @Test
    void anyQueryShouldGiveAFilterOrIllegalArgumentException() {
        Function<Random, String> values = BadInput.oneOfGenerators(
            BadInput.oneOf("2026-11-22", "2026-11-22T10:00:00Z", "+999999999-12-31", "2026-02-30", "-1", "0", "10000",
                "10001", "99999999999", " 5 ", "", "1e3", "2026-11-22T10:00:00+25:00", "\u0000"),
            BadInput.anyStrings(30));
        Function<Random, String> names = BadInput.oneOf("recipient", "sender", "reason", "since", "until", "limit");

        Fuzz.forAll("any query gives a filter or IllegalArgumentException", 2000, BadInput.maps(names, values, 6), query -> {
            try {
                QuarantineFilter filter = QuarantineFilter.parse(query::get);
                assertThat(filter.limit()).isBetween(1, QuarantineFilter.MAX_LIMIT);
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        });
    }
}
