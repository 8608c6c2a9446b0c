package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dkim.DkimTestSupport.bytes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalBodyTest {
    /** The body follows a 2-octet prefix, as a body follows the header's blank line; CSV trims unquoted values. */
    @ParameterizedTest(name = "[{0}] relaxed {1}, simple {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"|0|0",
        "\\r\\n\\r\\n|0|0",
        "Hello world.\\r\\n\\r\\nNext line|25|25",
        "Hello world.\\r\\n\\r\\nNext line\\r\\n\\r\\n\\r\\n|25|25",
        "\" a leading space\\r\\n\"|16|16",
        "caf\\u00e9\\r\\n|4|4",
        "tab\\there\\r\\n|-1|8",
        "double  space\\r\\n|-1|13",
        "space before CRLF \\r\\n|-1|18",
        "\"trailing space \"|-1|15",
        "blank line\\r\\n \\r\\n|-1|13",
        "bare\\nLF\\r\\n|-1|-1",
        "\\nLF first|-1|-1",
        "bare\\rCR|-1|-1",
        "CR last\\r|-1|-1",
        "CR CR\\r\\r\\n|-1|-1",
    })
    void contentEndShouldAcceptOnlyBodiesCanonicalizationLeavesAsTheyAre(String escaped, int relaxed, int simple) {
        byte[] in = bytes("\r\n" + escaped.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t")
            .replace("\\u00e9", "\u00e9"));

        assertThat(CanonicalBody.contentEnd(in, 2, in.length, true)).isEqualTo(relaxed < 0 ? -1 : relaxed + 2);
        assertThat(CanonicalBody.contentEnd(in, 2, in.length, false)).isEqualTo(simple < 0 ? -1 : simple + 2);
    }
}
