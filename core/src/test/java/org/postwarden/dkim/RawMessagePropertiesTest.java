package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.testing.Fuzz;

class RawMessagePropertiesTest {
    private static final Function<Random, byte[]> MESSAGES = BadInput.nearBytes(DkimTestSupport.MESSAGE,
        DkimTestSupport.MESSAGE.replace("\r\n", "\n"),
        "From: a@b.example\r\n folded\r\n\tagain\r\nNo-Colon-Here\r\n: empty name\r\nX: y",
        "\r\n\r\nbody only", "Subject: \u00e9\u00ff\r\n\r\n");

    @Test
    void parseShouldSplitAnyBytesIntoFieldsThatReadBack() {
        Fuzz.forAll("any bytes split into fields that read back", 2000, MESSAGES, message -> {
            RawMessage parsed = RawMessage.parse(message);

            for (HeaderField field : parsed.headers()) {
                assertThat(field.text()).startsWith(field.name());
                assertThat(field.text()).endsWith(field.value());
                String[] lines = field.text().split("\r\n", -1);
                assertThat(Arrays.copyOfRange(lines, 1, lines.length))
                    .allMatch(line -> line.startsWith(" ") || line.startsWith("\t"));
            }
            assertThat(parsed.bodyLength()).isBetween(0, parsed.bytes().length);
        });
    }

    @Test
    void rewritingNothingShouldGiveBackTheMessageAsParsed() {
        Fuzz.forAll("rewriting nothing gives back the message as parsed", 2000, MESSAGES, message -> {
            RawMessage parsed = RawMessage.parse(message);

            byte[] parsedBytes = parsed.bytes();
            String asParsed = new String(parsedBytes, StandardCharsets.ISO_8859_1);
            // A last header line cut short of its CRLF gets one: nothing is lost, the field is only closed.
            boolean closed = asParsed.isEmpty() || asParsed.endsWith("\r\n") || parsed.bodyLength() > 0;
            String expected = closed ? asParsed : asParsed + "\r\n";

            assertThat(new String(parsed.rewriteHeaders(List.of(), field -> true), StandardCharsets.ISO_8859_1))
                .isEqualTo(expected);
        });
    }

    @Test
    void messagesWithCrlfShouldBeKeptAsTheyAre() {
        Fuzz.forAll("messages with CRLF are kept as they are", 1000, MESSAGES, message -> {
            String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r", "").replace("\n", "\r\n");
            byte[] crlf = text.getBytes(StandardCharsets.ISO_8859_1);

            assertThat(RawMessage.parse(crlf).bytes()).isEqualTo(crlf);
        });
    }
}
