package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dkim.DkimTestSupport.MESSAGE;
import static org.postwarden.dkim.DkimTestSupport.bytes;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RawMessageBodyHashTest {
    private final RawMessage message = RawMessage.parse(bytes(MESSAGE + "Trailing  spaces  \r\n\r\n\r\n"));

    @Test
    void bodyHashShouldBeWhatBodyHasherComputes() {
        for (Canonicalization canonicalization : Canonicalization.values()) {
            BodyHasher hasher = new BodyHasher(canonicalization, OptionalLong.of(40)).update(message);

            BodyHash hash = message.bodyHash(canonicalization, OptionalLong.of(40));

            assertThat(hash.digest()).isEqualTo(hasher.digest());
            assertThat(hash.canonicalLength()).isEqualTo(hasher.canonicalLength());
        }
    }

    @Test
    void bodyHashShouldBeComputedOncePerCanonicalizationAndLength() {
        BodyHash relaxed = message.bodyHash(Canonicalization.RELAXED, OptionalLong.empty());

        assertThat(message.bodyHash(Canonicalization.RELAXED, OptionalLong.empty())).isSameAs(relaxed);
        assertThat(message.bodyHash(Canonicalization.SIMPLE, OptionalLong.empty()).digest())
            .isNotEqualTo(relaxed.digest());
        assertThat(message.bodyHash(Canonicalization.RELAXED, OptionalLong.of(10)).digest())
            .isNotEqualTo(relaxed.digest());
    }
}
