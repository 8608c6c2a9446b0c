package org.postwarden.dkim;

import java.util.List;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dkim.DkimTestSupport.bytes;

import org.junit.jupiter.api.Test;

class RawMessageTest {
    @Test
    void parseShouldKeepFoldedFieldsWhole() {
        RawMessage message = RawMessage.parse(bytes("Subject: one\r\n two\r\n\tthree\r\nFrom: a@b\r\n\r\nbody\r\n"));

        assertThat(message.headers()).extracting(HeaderField::text)
            .containsExactly("Subject: one\r\n two\r\n\tthree", "From: a@b");
        assertThat(message.bodyLength()).isEqualTo(6);
    }

    @Test
    void parseShouldReadNamesWithoutWhitespaceBeforeTheColon() {
        HeaderField field = RawMessage.parse(bytes("Subject \t: x\r\n\r\n")).headers().get(0);

        assertThat(field.name()).isEqualTo("Subject");
        assertThat(field.value()).isEqualTo(" x");
    }

    @Test
    void parseShouldConvertBareLineFeedsToCrlf() {
        RawMessage message = RawMessage.parse(bytes("From: a@b\nSubject: x\n y\n\nbody\n"));

        assertThat(message.headers()).extracting(HeaderField::text).containsExactly("From: a@b", "Subject: x\r\n y");
        assertThat(message.bodyLength()).isEqualTo(6);
    }

    @Test
    void bareLineFeedsOnlyInTheBodyShouldBeConvertedForEveryReader() {
        // Each reader on its own message: the first one to read the body converts it.
        byte[] received = bytes("From: a@b\r\n\r\none\ntwo\r\n");

        assertThat(RawMessage.parse(received).bodyLength()).isEqualTo(10);
        assertThat(RawMessage.parse(received).appendHeaders(List.of("X: y")))
            .isEqualTo(bytes("From: a@b\r\nX: y\r\n\r\none\r\ntwo\r\n"));
        assertThat(RawMessage.parse(received).rewriteHeaders(List.of("X: y"), field -> true))
            .isEqualTo(bytes("X: y\r\nFrom: a@b\r\n\r\none\r\ntwo\r\n"));
    }

    @Test
    void parseShouldFindABareLineFeedAtAnyOffset() {
        String crlf = "From: a@b\r\n\r\n" + "0123456789abcdef\r\n".repeat(3);
        for (int length = 0; length <= crlf.length(); length++) {
            byte[] clean = bytes(crlf.substring(0, length));
            assertThat(RawMessage.parse(clean).bytes()).as("%d octets", length).isSameAs(clean);
            for (int at = 0; at <= length; at++) {
                String bare = crlf.substring(0, at) + "\n" + crlf.substring(at, length);
                if (at > 0 && bare.charAt(at - 1) == '\r') {
                    continue;
                }
                assertThat(RawMessage.parse(bytes(bare)).bytes()).as("LF at %d of %d", at, length)
                    .isEqualTo(bytes(bare.replaceAll("(?<!\r)\n", "\r\n")));
            }
        }
    }

    @Test
    void parseShouldAcceptAMessageWithoutBody() {
        RawMessage message = RawMessage.parse(bytes("From: a@b\r\nTo: c@d"));

        assertThat(message.headers()).extracting(HeaderField::text).containsExactly("From: a@b", "To: c@d");
        assertThat(message.bodyLength()).isZero();
    }

    @Test
    void headersShouldMatchNamesCaseInsensitively() {
        RawMessage message = RawMessage.parse(bytes("dkim-signature: a\r\nDKIM-Signature: b\r\n\r\n"));

        assertThat(message.headers("DKIM-SIGNATURE")).hasSize(2);
    }

    @Test
    void rewriteHeadersShouldPrependDropAndKeepTheRestByteForByte() {
        RawMessage message = RawMessage.parse(("Authentication-Results: mx.example.org; spf=pass\r\n"
            + "Subject: hi\r\n\tfolded\r\n"
            + "\r\n"
            + "body line\r\n").getBytes(StandardCharsets.US_ASCII));

        byte[] rewritten = message.rewriteHeaders(List.of("Received-SPF: none"), field -> !field.hasName("Authentication-Results"));

        assertThat(new String(rewritten, StandardCharsets.US_ASCII))
            .isEqualTo("Received-SPF: none\r\nSubject: hi\r\n\tfolded\r\n\r\nbody line\r\n");
    }

    @Test
    void rewriteHeadersShouldKeepAMessageWithoutBody() {
        RawMessage message = RawMessage.parse("Subject: hi\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(new String(message.rewriteHeaders(List.of("X-A: 1"), field -> true), StandardCharsets.US_ASCII))
            .isEqualTo("X-A: 1\r\nSubject: hi\r\n");
    }

    @Test
    void appendHeadersShouldAddAfterTheLastFieldAndKeepEverythingElseByteForByte() {
        RawMessage message = RawMessage.parse(bytes("Received: by x\r\nSubject: hi\r\n\tfolded\r\n\r\nbody\r\n\r\nSubject: not a header\r\n"));

        assertThat(new String(message.appendHeaders(List.of("Date: now", "Message-ID: <a@b>")), StandardCharsets.US_ASCII))
            .isEqualTo("Received: by x\r\nSubject: hi\r\n\tfolded\r\nDate: now\r\nMessage-ID: <a@b>\r\n\r\nbody\r\n\r\nSubject: not a header\r\n");
    }

    @Test
    void appendHeadersShouldEndAnUnterminatedLastField() {
        RawMessage message = RawMessage.parse(bytes("From: a@b\r\nTo: c@d"));

        assertThat(new String(message.appendHeaders(List.of("Date: now")), StandardCharsets.US_ASCII))
            .isEqualTo("From: a@b\r\nTo: c@d\r\nDate: now\r\n");
    }

    @Test
    void appendHeadersShouldWorkOnAMessageWithoutHeaders() {
        RawMessage message = RawMessage.parse(bytes("\r\nbody\r\n"));

        assertThat(new String(message.appendHeaders(List.of("Date: now")), StandardCharsets.US_ASCII))
            .isEqualTo("Date: now\r\n\r\nbody\r\n");
    }
}
