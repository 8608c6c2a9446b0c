package org.postwarden.authresults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AuthenticationResultsTest {

    @Test
    void headerFieldShouldListEveryResultInfo() {
        AuthenticationResults header = new AuthenticationResults("mx.example.org", List.of(
            ResultInfo.of("spf", "pass").property("smtp.mailfrom", "example.com"),
            ResultInfo.of("dkim", "pass").property("header.d", "example.com").property("header.s", "sel").property("header.b", "AbCdEfGh"),
            ResultInfo.of("dmarc", "pass").withComment("p=reject dis=none").property("header.from", "example.com")));

        assertThat(header.headerField().replace("\r\n\t", " ")).isEqualTo("Authentication-Results: mx.example.org;"
            + " spf=pass smtp.mailfrom=example.com;"
            + " dkim=pass header.d=example.com header.s=sel header.b=AbCdEfGh;"
            + " dmarc=pass (p=reject dis=none) header.from=example.com");
    }

    @Test
    void headerFieldShouldFoldLinesAt78Columns() {
        AuthenticationResults header = new AuthenticationResults("mx.example.org", List.of(
            ResultInfo.of("spf", "pass").property("smtp.mailfrom", "a-rather-long-domain-name.example.com"),
            ResultInfo.of("dkim", "pass").property("header.d", "another-long-domain.example.com").property("header.s", "selector2026")));

        assertThat(header.headerField().split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(header.headerField()).contains("\r\n\t");
    }

    @Test
    void headerFieldShouldSayNoneWithoutResults() {
        assertThat(new AuthenticationResults("mx.example.org", List.of()).headerField())
            .isEqualTo("Authentication-Results: mx.example.org; none");
    }

    @Test
    void reasonAndNonTokenValuesShouldBeQuoted() {
        AuthenticationResults header = new AuthenticationResults("mx.example.org", List.of(
            ResultInfo.of("dkim", "fail").withReason("body hash \"bh\" did not verify").property("header.d", "example.com")));

        assertThat(header.headerField().replace("\r\n\t", " "))
            .isEqualTo("Authentication-Results: mx.example.org; dkim=fail reason=\"body hash \\\"bh\\\" did not verify\" header.d=example.com");
    }

    @Test
    void resultInfoShouldRefuseAMethodThatIsNotAKeyword() {
        assertThatThrownBy(() -> ResultInfo.of("dk im", "pass")).isInstanceOf(IllegalArgumentException.class);
    }
}
