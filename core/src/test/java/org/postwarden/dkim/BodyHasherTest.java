package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dkim.DkimTestSupport.bytes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BodyHasherTest {
    @Test
    void simpleShouldHashAnEmptyBodyAsOneCrlf() {
        // RFC 6376 §3.4.3: "If there is no body or no trailing CRLF on the message body, a CRLF is added."
        assertThat(base64(hash(Canonicalization.SIMPLE, ""))).isEqualTo("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
    }

    @Test
    void relaxedShouldHashAnEmptyBodyAsNothing() {
        // RFC 6376 §3.4.4 (errata 1384): an empty body stays empty under relaxed.
        assertThat(base64(hash(Canonicalization.RELAXED, ""))).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void simpleShouldDropTrailingEmptyLines() {
        assertThat(hash(Canonicalization.SIMPLE, "a\r\n\r\n\r\n")).isEqualTo(Sha256.hash(bytes("a\r\n")));
    }

    @Test
    void simpleShouldAddAMissingFinalCrlf() {
        assertThat(hash(Canonicalization.SIMPLE, "a\r\n\r\nb")).isEqualTo(Sha256.hash(bytes("a\r\n\r\nb\r\n")));
    }

    @Test
    void relaxedShouldDropLinesMadeOfWhitespaceAtTheEnd() {
        assertThat(hash(Canonicalization.RELAXED, "a \r\n \t\r\n\r\n")).isEqualTo(Sha256.hash(bytes("a\r\n")));
    }

    @Test
    void relaxedShouldKeepEmptyLinesBetweenContent() {
        assertThat(hash(Canonicalization.RELAXED, "a\r\n  \r\n\tb  c\t")).isEqualTo(Sha256.hash(bytes("a\r\n\r\n b c\r\n")));
    }

    @Test
    void bareCarriageReturnsShouldBeContent() {
        assertThat(hash(Canonicalization.SIMPLE, "a\rb\r")).isEqualTo(Sha256.hash(bytes("a\rb\r\r\n")));
    }

    @Test
    void limitShouldHashOnlyTheFirstCanonicalOctets() {
        // RFC 6376 §3.4.5: l= counts octets of the canonicalized body.
        BodyHasher hasher = new BodyHasher(Canonicalization.RELAXED, OptionalLong.of(4));
        hasher.update(bytes("a  b\r\nc\r\n"), 0, 9);

        assertThat(hasher.digest()).isEqualTo(Sha256.hash(bytes("a b\r")));
        assertThat(hasher.canonicalLength()).isEqualTo(8);
    }

    @Test
    void limitOfZeroShouldHashNothing() {
        BodyHasher hasher = new BodyHasher(Canonicalization.SIMPLE, OptionalLong.of(0));

        assertThat(hasher.update(bytes("abc"), 0, 3).digest()).isEqualTo(Sha256.hash(new byte[0]));
    }

    @ParameterizedTest
    @EnumSource(Canonicalization.class)
    void hashShouldMatchANaiveCanonicalizationWhateverTheChunking(Canonicalization canonicalization) {
        byte[] body = randomBody();
        byte[] whole = Sha256.hash(bytes(naive(canonicalization, new String(body, StandardCharsets.ISO_8859_1))));
        for (int chunk : new int[] {1, 2, 3, 7, 8191, 8192, 8193}) {
            BodyHasher hasher = new BodyHasher(canonicalization, OptionalLong.empty());
            for (int off = 0; off < body.length; off += chunk) {
                hasher.update(body, off, Math.min(chunk, body.length - off));
            }
            assertThat(hasher.digest()).as("chunks of %d", chunk).isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @EnumSource(Canonicalization.class)
    void textLikeBodiesShouldMatchANaiveCanonicalizationWhateverTheChunkingAndLimit(Canonicalization canonicalization) {
        // Long runs of canonical text broken by the cases the fast path must stop at: runs of WSP,
        // WSP before CRLF, lines starting with WSP, empty and blank lines, bare CRs and LFs.
        String[] pieces = {"word", "x", " ", " ", "  ", "\t", " \t", "\r\n", "\r\n", "\r\n", "\r\n\r\n",
            " \r\n", "\r\n ", "\r", "\n", "\r\r\n", "\u00e9"};
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(60);
            for (int i = 0; i < count; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] body = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] canonical = bytes(naive(canonicalization, text.toString()));
            for (int chunk : new int[] {1, 2, 3, 5, 64, body.length + 1}) {
                long limit = random.nextInt(canonical.length + 3);
                for (OptionalLong l : List.of(OptionalLong.empty(), OptionalLong.of(limit))) {
                    BodyHasher hasher = new BodyHasher(canonicalization, l);
                    for (int off = 0; off < body.length; off += chunk) {
                        hasher.update(body, off, Math.min(chunk, body.length - off));
                    }
                    int hashed = (int) Math.min(canonical.length, l.orElse(Long.MAX_VALUE));
                    assertThat(hasher.digest()).as("%s, chunks of %d, l=%s", text, chunk, l)
                        .isEqualTo(Sha256.hash(Arrays.copyOf(canonical, hashed)));
                    assertThat(hasher.canonicalLength()).isEqualTo(canonical.length);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Canonicalization.class)
    void wholeMessagesShouldHashAsTheOctetByOctetPathDoes(Canonicalization canonicalization) {
        // Canonical bodies take one digest update over the message; the others fall back.
        String[] bodies = {"", "\r\n", "\r\n\r\n\r\n", "Hello world.\r\n\r\nSecond  line\r\n", "Hi there\r\n",
            "Hi there\r\n\r\n\r\n", "no final CRLF", "two\r\n\r\nparagraphs\r\n", " leading space\r\n",
            "tab\there\r\n", "double  space\r\n", "space before CRLF \r\n", "trailing space ", "trailing tab\t",
            "bare\nLF\r\n", "\nLF first\r\n", "last bare LF\n", "bare\rCR\r\n", "last bare CR\r", "CR CR\r\r\n",
            "blank line\r\n \r\nbelow\r\n", "trailing blank lines\r\n \r\n\t\r\n", "form\ffeed\r\n",
            "caf\u00e9 \u00e9t\u00e9\r\n"};
        for (String body : bodies) {
            RawMessage message = RawMessage.parse(bytes("From: a@b\r\n\r\n" + body));
            byte[] crlfBody = bytes(body.replaceAll("(?<!\r)\n", "\r\n"));
            BodyHasher octetByOctet = new BodyHasher(canonicalization, OptionalLong.empty());
            for (int i = 0; i < crlfBody.length; i++) {
                octetByOctet.update(crlfBody, i, 1);
            }
            BodyHasher whole = new BodyHasher(canonicalization, OptionalLong.empty()).update(message);

            assertThat(whole.digest()).as(body).isEqualTo(octetByOctet.digest());
            assertThat(whole.canonicalLength()).as(body).isEqualTo(octetByOctet.canonicalLength());
        }
    }

    @ParameterizedTest
    @EnumSource(Canonicalization.class)
    void textLikeMessagesShouldMatchANaiveCanonicalizationWhateverTheLimit(Canonicalization canonicalization) {
        String[] pieces = {"word", "x", " ", " ", "  ", "\t", "\r\n", "\r\n", "\r\n", "\r\n\r\n", " \r\n", "\r\n ",
            "\r", "\n", "\u00e9"};
        Random random = new Random(11);
        int wholeUpdates = 0;
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(12);
            for (int i = 0; i < count; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String body = text.toString();
            byte[] canonical = bytes(naive(canonicalization, body.replaceAll("(?<!\r)\n", "\r\n")));
            RawMessage message = RawMessage.parse(bytes("From: a@b\r\n\r\n" + body));
            long limit = random.nextInt(canonical.length + 3);
            for (OptionalLong l : List.of(OptionalLong.empty(), OptionalLong.of(limit))) {
                BodyHasher hasher = new BodyHasher(canonicalization, l).update(message);
                int hashed = (int) Math.min(canonical.length, l.orElse(Long.MAX_VALUE));
                assertThat(hasher.digest()).as("%s, l=%s", body, l).isEqualTo(Sha256.hash(Arrays.copyOf(canonical, hashed)));
                assertThat(hasher.canonicalLength()).isEqualTo(canonical.length);
            }
            byte[] source = message.source();
            if (CanonicalBody.contentEnd(source, message.bodyOffset(), source.length, canonicalization == Canonicalization.RELAXED) >= 0) {
                wholeUpdates++;
            }
        }
        // Both paths were taken.
        assertThat(wholeUpdates).isBetween(100, 1900);
    }

    /** RFC 6376 §3.4.3 and §3.4.4 read literally, with regular expressions. */
    private static String naive(Canonicalization canonicalization, String body) {
        String text = body;
        if (canonicalization == Canonicalization.RELAXED) {
            text = Arrays.stream(body.split("\r\n", -1))
                .map(line -> line.replaceAll("[ \t]+", " ").replaceAll(" \\z", ""))
                .collect(Collectors.joining("\r\n"));
        }
        text = text.replaceAll("(\r\n)+\\z", "");
        return text.isEmpty() && canonicalization == Canonicalization.RELAXED ? "" : text + "\r\n";
    }

    private static byte[] randomBody() {
        // Mostly spaces, tabs, CRs and LFs so that every state transition happens at chunk edges.
        byte[] alphabet = bytes("ab \t\r\n\r\n");
        Random random = new Random(42);
        byte[] body = new byte[30_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return body;
    }

    private static byte[] hash(Canonicalization canonicalization, String body) {
        byte[] bytes = bytes(body);
        return new BodyHasher(canonicalization, OptionalLong.empty()).update(bytes, 0, bytes.length).digest();
    }

    private static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
