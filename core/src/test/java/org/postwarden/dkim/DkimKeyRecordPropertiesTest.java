package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.testing.Fuzz;

class DkimKeyRecordPropertiesTest {
    private static final String ED25519_P = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    private static final String RSA_512_P = "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBALjsuVLcWiUeL/uKC6lF0s9/6TMuRhGY"
        + "32LUO81hLP/3kqtNeXGyweOJ1mOB6bzFP1bPHGfWf8jIqGUd8WMkdXcCAwEAAQ==";
    private static final String[] VALID = {
        "v=DKIM1; k=ed25519; p=" + ED25519_P,
        "p=" + RSA_512_P,
        "v=DKIM1; h=sha1:sha256; s=email:*; t=y:s; k=rsa; p=" + RSA_512_P,
        "v=DKIM1; p=",
    };

    @Test
    void parseShouldOnlyEverFailWithDkimException() {
        Fuzz.forAll("key records parse or fail with KEY_SYNTAX", 2000, BadInput.near(VALID), txt -> {
            try {
                DkimKeyRecord record = DkimKeyRecord.parse(txt);
                assertThat(record.keyType()).isNotNull();
            } catch (DkimException expected) {
                assertThat(expected.failure().reason()).isEqualTo(DkimFailure.Reason.KEY_SYNTAX);
            }
        });
    }

    /** The p= value decoded as a key: random DER, truncated keys, keys with flipped bits. */
    @Test
    void arbitraryKeyBytesShouldOnlyEverFailWithDkimException() {
        Fuzz.forAll("any key bytes parse or fail with KEY_SYNTAX", 1000, random -> "v=DKIM1; k="
            + BadInput.oneOf("rsa", "ed25519").apply(random) + "; p=" + Base64.getEncoder().encodeToString(keyBytes(random)),
            txt -> {
                try {
                    DkimKeyRecord.parse(txt);
                } catch (DkimException expected) {
                    assertThat(expected.failure().reason()).isEqualTo(DkimFailure.Reason.KEY_SYNTAX);
                }
            });
    }

    private static byte[] keyBytes(Random random) {
        byte[] valid = Base64.getDecoder().decode(random.nextBoolean() ? RSA_512_P : ED25519_P);
        return switch (random.nextInt(3)) {
            case 0 -> valid;
            case 1 -> {
                byte[] copy = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
                if (copy.length > 0) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield copy;
            }
            default -> BadInput.randomBytes(random, 300);
        };
    }
}
