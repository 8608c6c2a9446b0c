package org.postwarden.srs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.testing.Fuzz;

class SrsPropertiesTest {
    private static final String[] VALID = {
        "SRS0=HHH=TT=orig.example=user@fwd.example",
        "SRS0+lyPw=2W=host.tld=user@example.com",
        "SRS1=HHH=first.example==HHH=TT=orig.example=user@second.example",
        "srs0-abcd=zz=a.b.c=x.y@fwd.example",
    };
    private static final int TRIES = 1000;
    private final Srs srs = SrsTest.srs();

    @Test
    void reverseShouldOnlyEverFailWithSrsException() {
        Fuzz.forAll("reverse gives an address or fails with SrsException", 2000, BadInput.near(VALID), address -> {
            try {
                assertThat(srs.reverse(address)).isNotEmpty();
            } catch (SrsException expected) {
                assertThat(expected.reason()).isNotNull();
            }
        });
    }

    @Test
    void forwardShouldOnlyEverFailWithSrsException() {
        Fuzz.forAll("forward gives an address or fails with SrsException", 2000, BadInput.near(VALID), address -> {
            try {
                assertThat(srs.forward(address, "forwarder.example")).isNotEmpty();
            } catch (SrsException expected) {
                assertThat(expected.reason()).isNotNull();
            }
        });
    }

    @Test
    void reverseShouldUndoForward() {
        AtomicInteger forwarded = new AtomicInteger();

        Fuzz.forAll("reverse undoes forward", TRIES, plainAddresses(), address -> {
            if (forwardable(address)) {
                forwarded.incrementAndGet();
                assertThat(srs.reverse(srs.forward(address, "first.example"))).isEqualTo(address);
            }
        });

        assertThat(forwarded).as("plain addresses forwarded").hasValueGreaterThan(TRIES / 2);
    }

    @Test
    void reverseShouldUndoASecondForwardUpToTheFirstForwarder() {
        AtomicInteger forwarded = new AtomicInteger();

        Fuzz.forAll("reverse undoes a second forward up to the first forwarder", TRIES, plainAddresses(), address -> {
            if (forwardable(address)) {
                forwarded.incrementAndGet();
                String twice = srs.forward(srs.forward(address, "first.example"), "second.example");

                assertThat(srs.reverse(srs.reverse(twice))).isEqualTo(address);
            }
        });

        assertThat(forwarded).as("plain addresses forwarded").hasValueGreaterThan(TRIES / 2);
    }

    /** Forward may refuse an address (too long, say); the properties are about the addresses it takes. */
    private boolean forwardable(String address) {
        try {
            srs.forward(address, "first.example");
            return true;
        } catch (SrsException refused) {
            return false;
        }
    }

    private static Function<Random, String> plainAddresses() {
        Function<Random, String> localPart = BadInput.strings(BadInput.LOWER_CASE + BadInput.DIGITS + ".+-_=!#$%&'*/?^`{|}~",
            1, 40);
        Function<Random, String> label = BadInput.strings(BadInput.LOWER_CASE + BadInput.DIGITS + "-", 1, 20);
        return random -> {
            String[] labels = new String[1 + random.nextInt(4)];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = label.apply(random);
            }
            return localPart.apply(random) + "@" + String.join(".", labels) + ".example";
        };
    }
}
