package org.postwarden.srs;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.postwarden.common.BadInput;

class SrsPropertiesTest {
    private static final String[] VALID = {
        "SRS0=HHH=TT=orig.example=user@fwd.example",
        "SRS0+lyPw=2W=host.tld=user@example.com",
        "SRS1=HHH=first.example==HHH=TT=orig.example=user@second.example",
        "srs0-abcd=zz=a.b.c=x.y@fwd.example",
    };
    private final Srs srs = SrsTest.srs();

    @Property(tries = 2000)
    void reverseShouldOnlyEverFailWithSrsException(@ForAll("srsAddresses") String address) {
        try {
            assertThat(srs.reverse(address)).isNotEmpty();
        } catch (SrsException expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }

    @Property(tries = 2000)
    void forwardShouldOnlyEverFailWithSrsException(@ForAll("srsAddresses") String address) {
        try {
            assertThat(srs.forward(address, "forwarder.example")).isNotEmpty();
        } catch (SrsException expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }

    @Property(tries = 1000)
    void reverseShouldUndoForward(@ForAll("plainAddresses") String address) throws SrsException {
        String forwarded = forwardedOrNothing(address, "first.example");

        assertThat(srs.reverse(forwarded)).isEqualTo(address);
    }

    @Property(tries = 1000)
    void reverseShouldUndoASecondForwardUpToTheFirstForwarder(@ForAll("plainAddresses") String address)
        throws SrsException {
        String once = forwardedOrNothing(address, "first.example");
        String twice = srs.forward(once, "second.example");

        assertThat(srs.reverse(srs.reverse(twice))).isEqualTo(address);
    }

    private String forwardedOrNothing(String address, String forwarder) {
        try {
            return srs.forward(address, forwarder);
        } catch (SrsException refused) {
            Assume.that(false);
            throw new AssertionError(refused);
        }
    }

    @Provide
    Arbitrary<String> srsAddresses() {
        return BadInput.near(VALID);
    }

    @Provide
    Arbitrary<String> plainAddresses() {
        Arbitrary<String> localPart = Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789.+-_=!#$%&'*/?^`{|}~")
            .ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789-").ofMinLength(1)
            .ofMaxLength(20);
        Arbitrary<String> domain = label.list().ofMinSize(1).ofMaxSize(4)
            .map(labels -> String.join(".", labels) + ".example");
        return Combinators.combine(localPart, domain).as((l, d) -> l + "@" + d);
    }
}
