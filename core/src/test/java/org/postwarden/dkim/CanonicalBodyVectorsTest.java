package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.Fuzz;

/** The vector path of {@link CanonicalBody} decides exactly as its octet loop does, wherever a fault falls. */
class CanonicalBodyVectorsTest {
    private static final byte[] FAULTS = {'\t', ' ', '\r', '\n', 0x0C, (byte) 0xE9};

    @Test
    void testJvmShouldHaveTheVectorApiAsTheServerHas() {
        // Otherwise the test below compares the octet loop with itself.
        assertThat(CanonicalBody.VECTORS).as("surefire's --add-modules jdk.incubator.vector").isTrue();
    }

    @Test
    void vectorPathShouldAgreeWithTheOctetLoop() {
        Fuzz.forAll("vectors and octet loop agree", 20_000, CanonicalBodyVectorsTest::textWithFaults, body -> {
            for (boolean relaxed : new boolean[] {true, false}) {
                int expected = CanonicalBody.contentEnd(body, 2, 2, body.length, relaxed);
                assertThat(CanonicalBody.contentEnd(body, 2, body.length, relaxed)).as("relaxed %s", relaxed)
                    .isEqualTo(expected);
            }
        });
    }

    /** Canonical text of 0 to 300 octets after a 2-octet prefix, then up to three octets replaced anywhere. */
    private static byte[] textWithFaults(Random random) {
        byte[] body = new byte[2 + random.nextInt(301)];
        body[0] = '\r';
        body[1] = '\n';
        for (int i = 2; i < body.length; i++) {
            int column = random.nextInt(9);
            body[i] = (byte) (column == 0 && i > 2 && body[i - 1] != ' ' ? ' ' : 'a' + column);
            if (column == 1 && i + 2 < body.length && body[i - 1] != ' ') {
                body[i] = '\r';
                body[++i] = '\n';
            }
        }
        for (int faults = random.nextInt(4); faults > 0 && body.length > 2; faults--) {
            body[2 + random.nextInt(body.length - 2)] = FAULTS[random.nextInt(FAULTS.length)];
        }
        return body;
    }
}
