package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
