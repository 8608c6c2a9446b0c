package org.postwarden.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hashes from srs-vectors.json and Mail::SRS 0.31, secret "tops3cr3t". */
class SrsHashTest {
    private final SrsHash hash = new SrsHash(SrsSecrets.of("tops3cr3t"), 4);

    @Test
    void hashShouldBeHmacSha1InBase64OverTheLowerCasedFields() {
        assertThat(hash.create("2W", "host.tld", "user")).isEqualTo("lyPw");
        assertThat(hash.create("2w", "HOST.tld", "USER")).isEqualTo("lyPw");
        assertThat(new SrsHash(SrsSecrets.of("tops3cr3t"), 8).create("2W", "Host.tld", "User")).isEqualTo("lyPwHR5V");
        assertThat(hash.create("2W", "somedomain.com", "hash234")).isEqualTo("+3/5");
    }

    @Test
    void onlyAsciiShouldBeLowerCased() {
        assertThat(hash.create("2W", "DÖMAIN.COM", "us€r")).isEqualTo("bYhd");
        assertThat(hash.create("2W", "dömain.com", "us€r")).isEqualTo("FEF6");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lyPw", "LYPW", "lypw", "lyPwHR5V", "LYPWhr5v"})
    void hashShouldVerifyIgnoringCaseAndWithMoreCharacters(String received) {
        assertThat(hash.verify(received, "2W", "host.tld", "user")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lyP", "lyPv", "lyPwHR5W", "", "lyPwHR5V0000000000000000000000"})
    void hashShouldNotVerifyShortOrDifferent(String received) {
        assertThat(hash.verify(received, "2W", "host.tld", "user")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"LYPWHR5V", "lypwhr5v", "lyPwHR5v", "LyPwHR5V"})
    void anExactComparisonShouldRefuseAHashInAnotherCase(String received) {
        SrsHash exact = new SrsHash(SrsSecrets.of("tops3cr3t"), 8, SrsHash.Comparison.EXACT);

        assertThat(exact.verify(received, "2W", "host.tld", "user")).isFalse();
        assertThat(exact.verify("lyPwHR5V", "2W", "host.tld", "user")).isTrue();
        assertThat(exact.verify("lyPw", "2W", "host.tld", "user")).as("shorter than the length").isFalse();
    }

    @Test
    void anExactComparisonShouldStillTakePostsrsdsBase64url() {
        SrsHash exact = new SrsHash(SrsSecrets.of("tops3cr3t"), 4, SrsHash.Comparison.EXACT);

        assertThat(exact.verify("-3_5", "2W", "somedomain.com", "hash234")).isTrue();
        assertThat(exact.verify("-3_5", "2W", "SomeDomain.com", "HASH234")).as("fields still ignore case").isTrue();
    }

    @Test
    void base64urlShouldVerifyAsPostsrsdWritesIt() {
        assertThat(hash.verify("+3/5", "2W", "somedomain.com", "hash234")).isTrue();
        assertThat(hash.verify("-3_5", "2W", "somedomain.com", "hash234")).isTrue();
    }

    @Test
    void everySecretShouldVerifyButOnlyTheFirstSign() {
        SrsHash rotated = new SrsHash(SrsSecrets.of("n3w", "tops3cr3t"), 4);

        assertThat(rotated.verify("lyPw", "2W", "host.tld", "user")).isTrue();
        assertThat(rotated.create("2W", "host.tld", "user"))
            .isEqualTo(new SrsHash(SrsSecrets.of("n3w"), 4).create("2W", "host.tld", "user")).isNotEqualTo("lyPw");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 28})
    void lengthShouldFitTheHmac(int length) {
        assertThatThrownBy(() -> new SrsHash(SrsSecrets.of("s"), length)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptySecretShouldBeRefusedAndSecretsNeverPrinted() {
        assertThatThrownBy(() -> SrsSecrets.of("s", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SrsSecrets.of("tops3cr3t", "old")).hasToString("SrsSecrets[2 secret(s)]");
    }
}
