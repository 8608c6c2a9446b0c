package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class WhitelistEntryTest {
    private static final Instant NOW = Instant.parse("2024-03-01T10:00:00.123456Z");

    @ParameterizedTest
    @CsvSource({
        "CLIENT_NETWORK, 192.0.2.7/24, 192.0.2.0/24",
        "CLIENT_NETWORK, 2001:DB8::1, 2001:db8::1/128",
        "CLIENT_HOSTNAME_SUFFIX, .Mail.Example.COM., mail.example.com",
        "CLIENT_HOSTNAME_REGEX, Mail-\\d+\\.Example\\.com, Mail-\\d+\\.Example\\.com",
        "SENDER_DOMAIN, Example.COM, example.com",
        "RECIPIENT, Abuse@Example.NET, abuse@example.net",
        "RECIPIENT_DOMAIN, ' example.net ', example.net",
    })
    void createShouldCanonicaliseTheValue(WhitelistEntry.Kind kind, String value, String canonical) {
        WhitelistEntry entry = WhitelistEntry.create(kind, value, "why", NOW);

        assertThat(entry.value()).isEqualTo(canonical);
        assertThat(entry.createdAt()).isEqualTo(Instant.parse("2024-03-01T10:00:00.123Z"));
        assertThat(entry.id()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({
        "CLIENT_NETWORK, mail.example.com",
        "CLIENT_NETWORK, 192.0.2.0/40",
        "CLIENT_HOSTNAME_REGEX, mail-(\\d+",
        "SENDER_DOMAIN, alice@example.com",
        "RECIPIENT, example.net",
        "RECIPIENT_DOMAIN, ' '",
    })
    void createShouldRefuseInvalidValues(WhitelistEntry.Kind kind, String value) {
        assertThatThrownBy(() -> WhitelistEntry.create(kind, value, "", NOW))
            .isInstanceOf(IllegalArgumentException.class);
    }

    /** Found by GreylistConfigurationPropertiesTest: such domains were stored, and canonicalised again into others. */
    @ParameterizedTest
    @EnumSource(value = WhitelistEntry.Kind.class, names = {"CLIENT_HOSTNAME_SUFFIX", "SENDER_DOMAIN", "RECIPIENT_DOMAIN"})
    void createShouldRefuseDomainsWithControlCharactersOrEmptyLabels(WhitelistEntry.Kind kind) {
        assertThatThrownBy(() -> WhitelistEntry.create(kind, ".\0example.com.", "", NOW))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhitelistEntry.create(kind, "exa\tmple.com", "", NOW))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhitelistEntry.create(kind, "example.com..", "", NOW))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhitelistEntry.create(kind, "mail..example.com", "", NOW))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createShouldRefuseWhatNoStoreKeeps() {
        String longestDomain = "a".repeat(WhitelistEntry.MAX_VALUE_LENGTH - ".example".length()) + ".example";

        assertThat(WhitelistEntry.create(WhitelistEntry.Kind.SENDER_DOMAIN, longestDomain, "c".repeat(1024), NOW).comment()).hasSize(1024);
        assertThatThrownBy(() -> WhitelistEntry.create(WhitelistEntry.Kind.SENDER_DOMAIN, "x" + longestDomain, "", NOW))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
        assertThatThrownBy(() -> WhitelistEntry.create(WhitelistEntry.Kind.SENDER_DOMAIN, "example.com", "c".repeat(1025), NOW))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("comment");
    }
}
