package org.postwarden.authresults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthservIdTest {

    @Test
    void ofShouldReadTheLeadingToken() {
        assertThat(AuthservId.of(" mx.example.org; spf=pass smtp.mailfrom=example.com")).contains("mx.example.org");
    }

    @Test
    void ofShouldReadTheTokenBeforeAVersion() {
        assertThat(AuthservId.of("mx.example.org 1; none")).contains("mx.example.org");
    }

    @Test
    void ofShouldSkipCommentsAndFoldingWhiteSpace() {
        assertThat(AuthservId.of("\r\n\t(a (nested) comment) mx.example.org;dkim=pass")).contains("mx.example.org");
    }

    @Test
    void ofShouldReadAQuotedString() {
        assertThat(AuthservId.of("\"mx.example.org\"; none")).contains("mx.example.org");
    }

    @Test
    void ofShouldBeEmptyForAnEmptyValue() {
        assertThat(AuthservId.of("  (only a comment) ")).isEmpty();
    }

    @Test
    void isOursShouldIgnoreCase() {
        assertThat(AuthservId.isOurs("MX.Example.ORG; spf=pass", "mx.example.org")).isTrue();
        assertThat(AuthservId.isOurs("mx.example.org.evil; spf=pass", "mx.example.org")).isFalse();
    }

    @Test
    void isOursShouldTakeAFullyQualifiedSpellingAsTheSameName() {
        assertThat(AuthservId.isOurs("mx.example.org.; dmarc=pass", "mx.example.org")).isTrue();
        assertThat(AuthservId.isOurs("MX.Example.Org. ; dkim=pass", "mx.example.org")).isTrue();
        assertThat(AuthservId.isOurs("mx.example.org; dmarc=pass", "mx.example.org.")).isTrue();
        assertThat(AuthservId.isOurs("mx.example.org..; dmarc=pass", "mx.example.org")).isFalse();
        assertThat(AuthservId.isOurs("mx.example.or.; dmarc=pass", "mx.example.org")).isFalse();
    }
}
