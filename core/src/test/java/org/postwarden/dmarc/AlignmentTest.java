package org.postwarden.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlignmentTest {
    @ParameterizedTest
    @CsvSource({
        "example.com, example.com, RELAXED, true",
        "mail.example.com, example.com, RELAXED, true",
        "example.com, news.example.com, RELAXED, true",
        "a.example.com, b.example.com, RELAXED, true",
        "EXAMPLE.com., example.COM, RELAXED, true",
        "example.net, example.com, RELAXED, false",
        "example.co.uk, other.co.uk, RELAXED, false",
        "example.com, example.com, STRICT, true",
        "Example.Com, example.com, STRICT, true",
        "mail.example.com, example.com, STRICT, false",
        "example.com, news.example.com, STRICT, false",
        "'', example.com, RELAXED, false"
    })
    void alignedShouldFollowRfc7489Section31(String authenticated, String from, Alignment.Mode mode, boolean aligned) {
        assertThat(Alignment.aligned(authenticated, from, mode)).isEqualTo(aligned);
    }
}
