package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dkim.DkimTestSupport.bytes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.Fuzz;

/**
 * RFC 6376 §3.4.5, Example 1 and 2, on this message:
 * <pre>
 * A: &lt;SP&gt; X &lt;CRLF&gt;
 * B &lt;SP&gt; : &lt;SP&gt; Y &lt;HTAB&gt;&lt;CRLF&gt;
 *                 &lt;HTAB&gt; Z &lt;SP&gt;&lt;SP&gt;&lt;CRLF&gt;
 * &lt;CRLF&gt;
 * &lt;SP&gt; C &lt;SP&gt;&lt;CRLF&gt;
 * D &lt;SP&gt;&lt;HTAB&gt;&lt;SP&gt; E &lt;CRLF&gt;
 * &lt;CRLF&gt;
 * &lt;CRLF&gt;
 * </pre>
 */
class CanonicalizationTest {
    static final String RFC_EXAMPLE = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    @Test
    void relaxedShouldCanonicalizeTheRfcExampleHeader() {
        // "a:X <CRLF> b:Y <SP> Z <CRLF>"
        assertThat(headers(Canonicalization.RELAXED)).isEqualTo("a:X\r\nb:Y Z\r\n");
    }

    @Test
    void simpleShouldKeepTheRfcExampleHeaderAsIs() {
        // "A: <SP> X <CRLF> B <SP> : <SP> Y <HTAB><CRLF> <HTAB> Z <SP><SP><CRLF>"
        assertThat(headers(Canonicalization.SIMPLE)).isEqualTo("A: X\r\nB : Y\t\r\n\tZ  \r\n");
    }

    @Test
    void relaxedShouldCanonicalizeTheRfcExampleBody() {
        // "<SP> C <CRLF> D <SP> E <CRLF>"
        assertThat(bodyHash(Canonicalization.RELAXED)).isEqualTo(Sha256.hash(bytes(" C\r\nD E\r\n")));
    }

    @Test
    void simpleShouldCanonicalizeTheRfcExampleBody() {
        // "<SP> C <SP><CRLF> D <SP><HTAB><SP> E <CRLF>"
        assertThat(bodyHash(Canonicalization.SIMPLE)).isEqualTo(Sha256.hash(bytes(" C \r\nD \t E\r\n")));
    }

    @Test
    void relaxedHeaderShouldMatchALiteralReadingOfTheRfc() {
        String[] pieces = {"Word", "x", "é", ";", ":", " ", " ", "  ", "\t", " \t ", "\r\n ", "\r\n\t", "\r", "\n"};
        Fuzz.forAll("relaxed header = RFC 6376 §3.4.2 read literally", 5000, random -> field(random, pieces), field -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Canonicalization.RELAXED.canonicalizeHeader(field, out);
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(literalRelaxed(field));
        });
    }

    private static String field(Random random, String[] pieces) {
        StringBuilder field = new StringBuilder(random.nextBoolean() ? "Subject" : "X-Name ");
        field.append(':');
        for (int count = random.nextInt(30); count > 0; count--) {
            field.append(pieces[random.nextInt(pieces.length)]);
        }
        return field.toString();
    }

    /** Lower-case name, line breaks dropped (unfolding), WSP runs to one SP, none at either end of the value. */
    private static String literalRelaxed(String field) {
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).replaceAll("[ \t]+\\z", "").toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).replaceAll("[\r\n]", "").replaceAll("[ \t]+", " ").strip();
        return name + ":" + value;
    }

    @Test
    void relaxedShouldLowercaseOnlyTheName() {
        assertThat(canonical(Canonicalization.RELAXED, "SUBJECT:  Hello   WORLD \t")).isEqualTo("subject:Hello WORLD");
    }

    @Test
    void relaxedShouldTurnAnEmptyValueIntoNothing() {
        assertThat(canonical(Canonicalization.RELAXED, "X-Empty: \t ")).isEqualTo("x-empty:");
    }

    @Test
    void relaxedShouldKeepEightBitOctets() {
        String latin1OfUtf8 = new String("Subject: Grüße".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertThat(canonical(Canonicalization.RELAXED, latin1OfUtf8))
            .isEqualTo(new String("subject:Grüße".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    @Test
    void fromTagValueShouldIgnoreCaseAndRejectUnknownNames() {
        assertThat(Canonicalization.fromTagValue("Relaxed")).contains(Canonicalization.RELAXED);
        assertThat(Canonicalization.fromTagValue("nowsp")).isEmpty();
    }

    private static String headers(Canonicalization canonicalization) {
        RawMessage message = RawMessage.parse(bytes(RFC_EXAMPLE));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HeaderField field : message.headers()) {
            canonicalization.canonicalizeHeader(field, out);
            out.writeBytes(bytes("\r\n"));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bodyHash(Canonicalization canonicalization) {
        return new BodyHasher(canonicalization, java.util.OptionalLong.empty())
            .update(RawMessage.parse(bytes(RFC_EXAMPLE))).digest();
    }

    static String canonical(Canonicalization canonicalization, String field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        canonicalization.canonicalizeHeader(field, out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void rawMessageShouldSplitTheRfcExampleIntoTwoFields() {
        assertThat(RawMessage.parse(bytes(RFC_EXAMPLE)).headers()).extracting(HeaderField::name)
            .isEqualTo(List.of("A", "B"));
    }
}
