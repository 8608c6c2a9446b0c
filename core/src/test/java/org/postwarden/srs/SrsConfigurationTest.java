package org.postwarden.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SrsConfigurationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void theDefaultShouldBeEightCharactersComparedExactly() throws SrsException {
        SrsConfiguration configuration = SrsConfiguration.from(Map.of("hashLength", " "));
        Srs srs = configuration.srs(List.of("s3cret"), CLOCK);
        String address = srs.forward("user@origin.example", "fwd.example");
        String hash = address.split("=")[1];

        assertThat(configuration.hashComparison()).isEqualTo(SrsHash.Comparison.EXACT);
        assertThat(hash).hasSize(8);
        assertThat(srs.reverse(address)).isEqualTo("user@origin.example");
        assertThat(hash).isNotEqualTo(hash.toUpperCase(Locale.ROOT));
        assertThatThrownBy(() -> srs.reverse(address.replace(hash, hash.toUpperCase(Locale.ROOT))))
            .isInstanceOfSatisfying(SrsException.class, e -> assertThat(e.reason()).isEqualTo(SrsException.Reason.BAD_HASH));
    }

    @Test
    void mailsrsCompatibilityShouldBeFourCharactersIgnoringCase() throws SrsException {
        SrsConfiguration configuration = SrsConfiguration.from(Map.of("hash.compat", "mailsrs"));
        Srs srs = configuration.srs(List.of("s3cret"), CLOCK);
        String address = srs.forward("user@origin.example", "fwd.example");

        assertThat(address.split("=")[1]).hasSize(4);
        assertThat(srs.reverse(address.toUpperCase(Locale.ROOT))).isEqualToIgnoringCase("user@origin.example");
    }

    @Test
    void aShortHashShouldBeAStartUpErrorUnlessCompatible() {
        assertThatThrownBy(() -> SrsConfiguration.from(Map.of("hashLength", "4")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("srs.properties: hashLength=4: must be at least 8")
            .hasMessageContaining("hash.compat=mailsrs");
        assertThat(SrsConfiguration.from(Map.of("hashLength", "4", "hash.compat", "mailsrs")).hashLength()).isEqualTo(4);
        assertThat(SrsConfiguration.from(Map.of("hashLength", "12")).hashLength()).isEqualTo(12);
    }

    @Test
    void anUnknownCompatShouldBeAStartUpError() {
        assertThatThrownBy(() -> SrsConfiguration.from(Map.of("hash.compat", "postsrsd")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("srs.properties: hash.compat=postsrsd: expected none or mailsrs");
    }
}
