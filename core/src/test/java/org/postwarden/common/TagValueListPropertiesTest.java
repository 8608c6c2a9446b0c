package org.postwarden.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.postwarden.testing.Fuzz;

class TagValueListPropertiesTest {
    private static final String[] VALID = {
        "v=1; a=rsa-sha256; d=example.com; s=sel; h=from:to; bh=YWJj; b=ZGVm\r\n\t Z2hp;",
        "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
        "v=DMARC1; p=reject; rua=mailto:d@example.com; pct=50; adkim=s",
        "i=1; a=rsa-sha256; cv=none; d=fwd.example; s=arc; t=1700000000; b=AAAA",
        "\r\n\t v \t= \r\n 1 ;\r\n\th=from :\r\n\tto ",
    };
    private static final String NAME_FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String NAME_REST = NAME_FIRST + "0123456789_";

    /** Tags written with the same folding whitespace around every name, '=' and value. */
    private record WrittenTags(Map<String, String> tags, String fws, boolean trailingSemicolon) {
    }

    @Test
    void parseShouldOnlyEverFailWithSyntaxException() {
        Fuzz.forAll("tag lists parse or fail with SyntaxException", 2000, BadInput.near(VALID), source -> {
            try {
                TagValueList list = TagValueList.parse(source);
                for (TagValueList.Tag tag : list.tags()) {
                    assertThat(source.substring(tag.rawStart(), tag.rawEnd()).strip()).isEqualTo(tag.value().strip());
                }
            } catch (TagValueList.SyntaxException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        });
    }

    @Test
    void writtenTagListsShouldReadBackInOrder() {
        Function<Random, Map<String, String>> tagMaps = tagMaps();
        Function<Random, String> whitespace = BadInput.oneOf("", " ", "\t", "\r\n ", " \r\n\t ");

        Fuzz.forAll("written tag lists read back in order", 1000,
            random -> new WrittenTags(tagMaps.apply(random), whitespace.apply(random), random.nextBoolean()), written -> {
                String fws = written.fws();
                StringBuilder text = new StringBuilder();
                written.tags().forEach((name, value) -> text.append(fws).append(name).append(fws).append('=').append(fws)
                    .append(value).append(fws).append(';'));
                String source = written.trailingSemicolon() || text.length() == 0
                    ? text.toString()
                    : text.substring(0, text.length() - 1);

                TagValueList list = TagValueList.parse(source);

                assertThat(list.tags()).extracting(TagValueList.Tag::name)
                    .containsExactlyElementsOf(List.copyOf(written.tags().keySet()));
                assertThat(list.tags()).extracting(TagValueList.Tag::value)
                    .containsExactlyElementsOf(List.copyOf(written.tags().values()));
            });
    }

    private static Function<Random, Map<String, String>> tagMaps() {
        Function<Random, String> first = BadInput.strings(NAME_FIRST, 1, 1);
        Function<Random, String> rest = BadInput.strings(NAME_REST, 0, 8);
        Function<Random, String> tval = BadInput.strings(tvalChars(), 1, 20);
        Function<Random, String> values = random -> {
            String[] parts = new String[random.nextInt(4)];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = tval.apply(random);
            }
            return String.join(" \r\n\t", parts);
        };
        return BadInput.maps(random -> first.apply(random) + rest.apply(random), values, 8);
    }

    /** RFC 6376 tval: visible ASCII but ';'. */
    private static String tvalChars() {
        StringBuilder chars = new StringBuilder();
        for (char c = 0x21; c <= 0x7E; c++) {
            if (c != ';') {
                chars.append(c);
            }
        }
        return chars.toString();
    }
}
