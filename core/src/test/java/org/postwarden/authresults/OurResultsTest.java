package org.postwarden.authresults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postwarden.dkim.RawMessage;

class OurResultsTest {
    private static RawMessage message(String headers) {
        return RawMessage.parse((headers + "Subject: x\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void inShouldTakeTheHeaderWithOurAuthservIdOnly() {
        RawMessage message = message("Authentication-Results: other.example; dmarc=permerror\r\n"
            + "Authentication-Results: mx.test;\r\n dmarc=fail header.from=a.example\r\n");

        OurResults ours = OurResults.in(message, "mx.test").orElseThrow();

        assertThat(ours.value()).isEqualTo(" mx.test;\r\n dmarc=fail header.from=a.example");
        assertThat(ours.says("dmarc", "fail")).isTrue();
        assertThat(ours.says("dmarc", "permerror")).isFalse();
    }

    @Test
    void inShouldBeEmptyWithoutOurHeader() {
        assertThat(OurResults.in(message("Authentication-Results: other.example; spf=fail\r\n"), "mx.test")).isEmpty();
    }

    @Test
    void saysShouldIgnoreCaseAndComments() {
        OurResults ours = OurResults.in(message("Authentication-Results: mx.test; SPF = Fail (dmarc=permerror) smtp.mailfrom=a\r\n"),
            "mx.test").orElseThrow();

        assertThat(ours.says("spf", "fail")).isTrue();
        assertThat(ours.says("dmarc", "permerror")).isFalse();
        assertThat(ours.says("spf", "failed")).isFalse();
    }

    @Test
    void resultsShouldListEachMethodOnceParsedIncludingEverySignature() {
        OurResults ours = OurResults.in(message("Authentication-Results: mx.test 1; spf=pass smtp.mailfrom=\"a;b\"@x.example;\r\n"
            + " dkim=pass header.d=a.example; dkim=fail (bad (nested) comment; dmarc=pass) header.d=b.example;\r\n"
            + " dmarc/1 = none header.from=a.example\r\n"), "mx.test").orElseThrow();

        assertThat(ours.results().byMethod()).containsOnly(
            entry("spf", List.of("pass")), entry("dkim", List.of("pass", "fail")), entry("dmarc", List.of("none")));
    }

    @Test
    void noResultShouldSayNothing() {
        OurResults ours = OurResults.in(message("Authentication-Results: mx.test; none\r\n"), "mx.test").orElseThrow();

        assertThat(ours.results().byMethod()).isEmpty();
        assertThat(ours.says("dmarc", "none")).isFalse();
    }
}
