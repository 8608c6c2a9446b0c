package org.postwarden.dns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.testing.Fuzz;

/** Zone fixtures: malformed JSON is refused with an IllegalArgumentException naming the problem, never an NPE. */
class StaticZonePropertiesTest {
    private static final String[] VALID = {
        "{\"example.com\": [{\"A\": \"192.0.2.1\"}, {\"MX\": [10, \"mx.example.com\"]}, {\"TXT\": [\"part one \", \"two\"]}],"
            + " \"192.0.2.1\": [{\"PTR\": \"mail.example.com\"}], \"slow.example\": [\"TIMEOUT\"],"
            + " \"broken.example\": [\"SERVFAIL\"]}",
        "{\"v6.example\": [{\"AAAA\": \"2001:db8::1\"}, {\"SPF\": [\"v=spf1 -all\"]}, {\"CNAME\": \"x.example\"}]}",
        "{}",
    };

    @Test
    void fromJsonShouldOnlyEverFailWithIllegalArgumentException() {
        Fuzz.forAll("zones parse or fail with IllegalArgumentException", 2000, BadInput.near(VALID), json -> {
            try {
                assertThat(StaticZone.fromJson(json)).isNotNull();
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).startsWith("zone");
            }
        });
    }
}
