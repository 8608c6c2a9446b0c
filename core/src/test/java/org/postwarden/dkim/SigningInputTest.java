package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dkim.DkimTestSupport.bytes;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningInputTest {
    private static final RawMessage MESSAGE = RawMessage.parse(bytes(
        "Received: one\r\nFrom: a@example.com\r\nReceived: two\r\nSubject: s\r\nReceived: three\r\n\r\n"));

    @Test
    void selectShouldTakeDuplicatesFromTheBottomUp() {
        // RFC 6376 §5.4.2: the last instance is signed first, then the one above it.
        assertThat(select(List.of("received", "received", "from"))).containsExactly("Received: three", "Received: two",
            "From: a@example.com");
    }

    @Test
    void selectShouldSkipNamesListedMoreOftenThanPresent() {
        // Oversigning: the extra "subject" and the absent "cc" contribute nothing.
        assertThat(select(List.of("from", "subject", "subject", "cc"))).containsExactly("From: a@example.com",
            "Subject: s");
    }

    @Test
    void selectShouldNotReuseAnInstanceAfterRunningOut() {
        assertThat(select(List.of("received", "received", "received", "received", "received")))
            .containsExactly("Received: three", "Received: two", "Received: one");
    }

    @Test
    void computeShouldEndWithTheUnsignedFieldWithoutCrlf() {
        byte[] input = SigningInput.compute(MESSAGE, List.of("subject", "from"), Canonicalization.RELAXED,
            "DKIM-Signature: v=1;\r\n b=");

        assertThat(new String(input, StandardCharsets.ISO_8859_1))
            .isEqualTo("subject:s\r\nfrom:a@example.com\r\ndkim-signature:v=1; b=");
    }

    private static List<String> select(List<String> names) {
        return SigningInput.select(MESSAGE.headers(), names).stream().map(HeaderField::text).toList();
    }
}
