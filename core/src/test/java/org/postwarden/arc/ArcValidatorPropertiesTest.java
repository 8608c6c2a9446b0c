package org.postwarden.arc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.dkim.HeaderField;
import org.postwarden.dkim.RawMessage;
import org.postwarden.dns.StaticZone;
import org.postwarden.testing.Fuzz;

/** Damaged ARC chains always give a validation result, never an exception. */
class ArcValidatorPropertiesTest {
    private static final StaticZone ZONE = ArcTestSupport.zone().build();
    private static final String CHAIN = ArcTestSupport.text(ArcTestSupport.forwardThrough(
        ArcTestSupport.dkimSigned(ArcTestSupport.MESSAGE), ZONE, ArcTestSupport.FIRST, ArcTestSupport.SECOND));
    private final ArcValidator validator = new ArcValidator(ZONE, ArcTestSupport.CLOCK);

    @Test
    void mutatedChainsShouldAlwaysGiveAResult() {
        Fuzz.forAll("mutated chains always give a result", 500, BadInput.near(CHAIN), message -> {
            ArcValidation validation = validator.validate(ArcTestSupport.bytes(message));

            assertThat(validation.cv()).isNotNull();
        });
    }

    @Test
    void reshuffledArcFieldsShouldAlwaysGiveAResult() {
        Fuzz.forAll("reshuffled ARC fields always give a result", 500, ArcValidatorPropertiesTest::reshuffle, message -> {
            ArcValidation validation = validator.validate(ArcTestSupport.bytes(message));

            assertThat(validation.cv()).isNotNull();
        });
    }

    /** Header fields dropped, duplicated or swapped whole, so every field still parses but the chain is wrong. */
    private static String reshuffle(Random random) {
        RawMessage parsed = RawMessage.parse(ArcTestSupport.bytes(CHAIN));
        List<String> fields = new ArrayList<>(parsed.headers().stream().map(HeaderField::text).toList());
        for (int round = 0; round < 1 + random.nextInt(3); round++) {
            int at = random.nextInt(fields.size());
            switch (random.nextInt(3)) {
                case 0 -> fields.remove(at);
                case 1 -> fields.add(random.nextInt(fields.size() + 1), fields.get(at));
                default -> fields.set(at, fields.set(random.nextInt(fields.size()), fields.get(at)));
            }
        }
        return String.join("\r\n", fields) + "\r\n" + CHAIN.substring(CHAIN.indexOf("\r\n\r\n") + 2);
    }
}
