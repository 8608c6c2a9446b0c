package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.Fuzz;

class TagListWriterTest {
    @Test
    void copyShouldFoldAsTheOriginalWouldAndLeaveItUnchanged() {
        TagListWriter fixed = new TagListWriter("DKIM-Signature").tag("v", "1").tag("a", "ed25519-sha256")
            .tag("c", "relaxed/relaxed").tag("d", "example.com");
        String direct = new TagListWriter("DKIM-Signature").tag("v", "1").tag("a", "ed25519-sha256")
            .tag("c", "relaxed/relaxed").tag("d", "example.com").tag("s", "a-rather-long-selector-name")
            .lastValue("x".repeat(100));

        String copied = fixed.copy().tag("s", "a-rather-long-selector-name").lastValue("x".repeat(100));

        assertThat(copied).isEqualTo(direct).contains("\r\n\t");
        assertThat(fixed.lastValue("")).isEqualTo("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.com;");
    }

    @Test
    void canonicalShouldBeWhatCanonicalizingTheWrittenFieldGives() {
        Fuzz.forAll("canonical() = canonicalizeHeader(text())", 2000, TagListWriterTest::randomWriter, writer -> {
            for (Canonicalization canonicalization : Canonicalization.values()) {
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                canonicalization.canonicalizeHeader(writer.text(), expected);
                assertThat(writer.canonical(canonicalization)).as("%s of %s", canonicalization, writer.text())
                    .isEqualTo(expected.toByteArray());
            }
        });
    }

    @Test
    void canonicalShouldDropTheFoldBeforeAFirstWordTooLongForTheFirstLine() {
        TagListWriter writer = new TagListWriter("ARC-Seal").tag("i", "x".repeat(80)).lastTag("b");

        assertThat(writer.text()).startsWith("ARC-Seal:\r\n\ti=");
        assertThat(new String(writer.canonical(Canonicalization.RELAXED), java.nio.charset.StandardCharsets.ISO_8859_1))
            .isEqualTo("arc-seal:i=" + "x".repeat(80) + "; b=");
    }

    @Test
    void appendShouldWriteAListAsListWouldFromTheSameLineLengthOnly() {
        List<String> names = List.of("from", "to", "subject", "date", "message-id", "mime-version", "content-type",
            "from", "to", "subject", "date");
        TagListWriter first = new TagListWriter("DKIM-Signature").tag("v", "1").tag("d", "example.com");
        TagListWriter.WrittenList written = first.writeList("h", names);
        TagListWriter same = new TagListWriter("DKIM-Signature").tag("v", "1").tag("d", "example.org");
        TagListWriter longer = new TagListWriter("DKIM-Signature").tag("v", "1").tag("d", "example.co.uk");

        assertThat(same.append(written)).isTrue();
        assertThat(longer.append(written)).isFalse();
        TagListWriter direct = new TagListWriter("DKIM-Signature").tag("v", "1").tag("d", "example.org").list("h", names);
        for (TagListWriter writer : List.of(same, direct)) {
            writer.tag("bh", "x".repeat(44)).lastTag("b");
        }
        assertThat(same.text()).isEqualTo(direct.text()).contains("\r\n\t");
        assertThat(same.canonical(Canonicalization.RELAXED)).isEqualTo(direct.canonical(Canonicalization.RELAXED));
    }

    /** Tags and lists of random lengths, so that folds fall before any word, the first one included. */
    private static TagListWriter randomWriter(Random random) {
        TagListWriter writer = new TagListWriter(random.nextBoolean() ? "DKIM-Signature" : "ARC-Message-Signature");
        for (int tags = random.nextInt(8); tags > 0; tags--) {
            if (random.nextInt(4) == 0) {
                List<String> items = new ArrayList<>();
                for (int n = 1 + random.nextInt(12); n > 0; n--) {
                    items.add(word(random));
                }
                writer.list("h", items);
            } else {
                writer.tag(word(random), word(random));
            }
        }
        return writer.lastTag("b");
    }

    private static String word(Random random) {
        int length = 1 + (random.nextInt(10) == 0 ? random.nextInt(90) : random.nextInt(12));
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ('!' + random.nextInt(94)));
        }
        return word.toString().replace(';', 'x').replace('=', 'y').replace(':', 'z');
    }
}
