package org.postwarden.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    @Property(tries = 2000)
    void parseShouldOnlyEverFailWithSyntaxException(@ForAll("tagLists") String source) {
        try {
            TagValueList list = TagValueList.parse(source);
            for (TagValueList.Tag tag : list.tags()) {
                assertThat(source.substring(tag.rawStart(), tag.rawEnd()).strip()).isEqualTo(tag.value().strip());
            }
        } catch (TagValueList.SyntaxException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void writtenTagListsShouldReadBackInOrder(@ForAll("tagMaps") Map<String, String> tags,
                                              @ForAll("whitespace") String fws, @ForAll boolean trailingSemicolon)
        throws Exception {
        StringBuilder text = new StringBuilder();
        tags.forEach((name, value) -> text.append(fws).append(name).append(fws).append('=').append(fws).append(value)
            .append(fws).append(';'));
        String source = trailingSemicolon || text.length() == 0 ? text.toString() : text.substring(0, text.length() - 1);

        TagValueList list = TagValueList.parse(source);

        assertThat(list.tags()).extracting(TagValueList.Tag::name).containsExactlyElementsOf(List.copyOf(tags.keySet()));
        assertThat(list.tags()).extracting(TagValueList.Tag::value).containsExactlyElementsOf(List.copyOf(tags.values()));
    }

    @Provide
    Arbitrary<String> tagLists() {
        return BadInput.near(VALID);
    }

    @Provide
    Arbitrary<Map<String, String>> tagMaps() {
        Arbitrary<String> names = Arbitraries.strings().withChars(NAME_FIRST).ofLength(1)
            .flatMap(first -> Arbitraries.strings().withChars(NAME_REST).ofMaxLength(8).map(rest -> first + rest));
        Arbitrary<String> tval = Arbitraries.strings().withCharRange((char) 0x21, (char) 0x7E)
            .excludeChars(';').ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> values = tval.list().ofMaxSize(3).map(parts -> String.join(" \r\n\t", parts));
        return Arbitraries.maps(names, values).ofMaxSize(8).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<String> whitespace() {
        return Arbitraries.of("", " ", "\t", "\r\n ", " \r\n\t ");
    }
}
