package org.postwarden.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagValueListTest {
    @Test
    void parseShouldReadTagsInOrder() throws Exception {
        TagValueList list = TagValueList.parse("v=1; a=rsa-sha256; d=example.com");

        assertThat(list.tags()).extracting(TagValueList.Tag::name).containsExactly("v", "a", "d");
        assertThat(list.get("a")).contains("rsa-sha256");
    }

    @Test
    void parseShouldStripFoldingWhitespaceAroundNamesAndValues() throws Exception {
        TagValueList list = TagValueList.parse("\r\n\t v \t= \r\n 1 ;\r\n\th=from :\r\n\tto ");

        assertThat(list.get("v")).contains("1");
        assertThat(list.get("h")).contains("from :\r\n\tto");
    }

    @Test
    void parseShouldAcceptOneTrailingSemicolon() throws Exception {
        assertThat(TagValueList.parse("a=1; b=2; ").tags()).hasSize(2);
    }

    @Test
    void parseShouldAcceptAnEmptyList() throws Exception {
        assertThat(TagValueList.parse(" ").tags()).isEmpty();
    }

    @Test
    void parseShouldAcceptEmptyValues() throws Exception {
        assertThat(TagValueList.parse("p=; t=y").get("p")).contains("");
    }

    @Test
    void parseShouldKeepTagNamesCaseSensitive() throws Exception {
        TagValueList list = TagValueList.parse("A=1; a=2");

        assertThat(list.get("A")).contains("1");
        assertThat(list.get("a")).contains("2");
    }

    @Test
    void parseShouldRejectDuplicateTags() {
        assertThatThrownBy(() -> TagValueList.parse("a=1; b=2; a=3"))
            .isInstanceOf(TagValueList.SyntaxException.class)
            .hasMessageContaining("duplicate tag \"a\"");
    }

    @Test
    void parseShouldRejectEmptyTagSpecsInTheMiddle() {
        assertThatThrownBy(() -> TagValueList.parse("a=1;; b=2")).isInstanceOf(TagValueList.SyntaxException.class);
    }

    @Test
    void parseShouldRejectATagWithoutEquals() {
        assertThatThrownBy(() -> TagValueList.parse("a=1; b")).hasMessageContaining("tag \"b\" has no \"=\"");
    }

    @Test
    void parseShouldRejectNamesNotStartingWithALetter() {
        assertThatThrownBy(() -> TagValueList.parse("1a=1")).hasMessageContaining("invalid tag name");
    }

    @Test
    void parseShouldRejectControlCharactersInValues() {
        assertThatThrownBy(() -> TagValueList.parse("a=x\u0001y")).hasMessageContaining("control character");
    }

    @Test
    void tagShouldLocateTheWholeRawValue() throws Exception {
        String source = "bh=abc; b= de\r\n f ; x=1";
        TagValueList.Tag b = TagValueList.parse(source).tag("b").orElseThrow();

        assertThat(source.substring(b.rawStart(), b.rawEnd())).isEqualTo(" de\r\n f ");
        assertThat(b.value()).isEqualTo("de\r\n f");
    }

    @Test
    void stripWhitespaceShouldRemoveFoldingFromBase64() {
        assertThat(TagValueList.stripWhitespace("ab\r\n\tcd ef")).isEqualTo("abcdef");
    }
}
