package org.postwarden.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrganizationalDomainTest {
    @ParameterizedTest
    @CsvSource({
        "example.com, example.com",
        "mail.example.com, example.com",
        "a.b.example.co.uk, example.co.uk",
        "Mail.Example.COM., example.com",
        // A public suffix is its own Organizational Domain.
        "co.uk, co.uk",
        "com, com",
        // No listed suffix: RFC 7489 §3.2's default rule "*" makes the last label the suffix.
        "a.b.example.internal-test, example.internal-test",
        "host.localdomain, host.localdomain"
    })
    void ofShouldGiveThePublicSuffixPlusOneLabel(String domain, String organizational) {
        assertThat(OrganizationalDomain.of(domain)).contains(organizational);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "exa mple.com", "a..example.com", "-bad-.example.com"})
    void ofShouldRejectInvalidNames(String domain) {
        assertThat(OrganizationalDomain.of(domain)).isEmpty();
    }
}
