package org.postwarden.dns;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.postwarden.common.BadInput;

/** Zone fixtures: malformed JSON is refused with an IllegalArgumentException naming the problem, never an NPE. */
class StaticZonePropertiesTest {
    private static final String[] VALID = {
        "{\"example.com\": [{\"A\": \"192.0.2.1\"}, {\"MX\": [10, \"mx.example.com\"]}, {\"TXT\": [\"part one \", \"two\"]}],"
            + " \"192.0.2.1\": [{\"PTR\": \"mail.example.com\"}], \"slow.example\": [\"TIMEOUT\"],"
            + " \"broken.example\": [\"SERVFAIL\"]}",
        "{\"v6.example\": [{\"AAAA\": \"2001:db8::1\"}, {\"SPF\": [\"v=spf1 -all\"]}, {\"CNAME\": \"x.example\"}]}",
        "{}",
    };

    @Property(tries = 2000)
    void fromJsonShouldOnlyEverFailWithIllegalArgumentException(@ForAll("zones") String json) {
        try {
            assertThat(StaticZone.fromJson(json)).isNotNull();
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).startsWith("zone");
        }
    }

    @Provide
    Arbitrary<String> zones() {
        return BadInput.near(VALID);
    }
}
