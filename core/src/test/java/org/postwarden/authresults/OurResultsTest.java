package org.postwarden.authresults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

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
}
