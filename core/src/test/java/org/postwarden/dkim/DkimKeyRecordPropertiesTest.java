package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.postwarden.common.BadInput;

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

    @Property(tries = 2000)
    void parseShouldOnlyEverFailWithDkimException(@ForAll("records") String txt) {
        try {
            DkimKeyRecord record = DkimKeyRecord.parse(txt);
            assertThat(record.keyType()).isNotNull();
        } catch (DkimException expected) {
            assertThat(expected.failure().reason()).isEqualTo(DkimFailure.Reason.KEY_SYNTAX);
        }
    }

    /** The p= value decoded as a key: random DER, truncated keys, keys with flipped bits. */
    @Property(tries = 1000)
    void arbitraryKeyBytesShouldOnlyEverFailWithDkimException(@ForAll("keyTypes") String k, @ForAll("keyBytes") byte[] p) {
        try {
            DkimKeyRecord.parse("v=DKIM1; k=" + k + "; p=" + Base64.getEncoder().encodeToString(p));
        } catch (DkimException expected) {
            assertThat(expected.failure().reason()).isEqualTo(DkimFailure.Reason.KEY_SYNTAX);
        }
    }

    @Provide
    Arbitrary<String> records() {
        return BadInput.near(VALID);
    }

    @Provide
    Arbitrary<String> keyTypes() {
        return Arbitraries.of("rsa", "ed25519");
    }

    @Provide
    Arbitrary<byte[]> keyBytes() {
        Arbitrary<byte[]> validKeys = Arbitraries.of(RSA_512_P, ED25519_P).map(Base64.getDecoder()::decode);
        Arbitrary<byte[]> mutatedKeys = validKeys.flatMap(key -> Arbitraries.randomValue(random -> {
            byte[] copy = java.util.Arrays.copyOf(key, random.nextInt(key.length + 1));
            if (copy.length > 0) {
                copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
            }
            return copy;
        }));
        return Arbitraries.oneOf(validKeys, mutatedKeys, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }
}
