package org.postwarden.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postwarden.address.LocalPart.DotString;
import org.postwarden.address.LocalPart.NotADotString;

class LocalPartTest {

    @Test
    void aQuotedDotStringShouldBeTheSameMailboxAsTheDotString() {
        assertThat(LocalPart.of("\"alice\"")).isEqualTo(new DotString("alice", true));
        assertThat(LocalPart.of("\"first.last+tag\"")).isEqualTo(new DotString("first.last+tag", true));
        assertThat(LocalPart.of("\"\\alice\"")).isEqualTo(new DotString("alice", true));
    }

    @Test
    void aPlainDotStringShouldStayAsItIs() {
        assertThat(LocalPart.of("alice")).isEqualTo(new DotString("alice", false));
        assertThat(LocalPart.of("a.b.c")).isEqualTo(new DotString("a.b.c", false));
    }

    @Test
    void quotedContentThatIsNoDotStringShouldNotBeOne() {
        assertThat(LocalPart.of("\"x@evil\"")).isEqualTo(new NotADotString("x@evil"));
        assertThat(LocalPart.of("\"a b\"")).isEqualTo(new NotADotString("a b"));
        assertThat(LocalPart.of("\"a..b\"")).isEqualTo(new NotADotString("a..b"));
        assertThat(LocalPart.of("\".alice\"")).isEqualTo(new NotADotString(".alice"));
        assertThat(LocalPart.of("\"\"")).isEqualTo(new NotADotString(""));
        assertThat(LocalPart.of("\"a\"b\"")).isInstanceOf(NotADotString.class);
        assertThat(LocalPart.of("\"a\\\"")).isInstanceOf(NotADotString.class);
    }
}
