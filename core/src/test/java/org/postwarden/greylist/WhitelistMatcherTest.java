package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhitelistMatcherTest {
    private static final Instant NOW = Instant.parse("2024-03-01T10:00:00Z");

    @Test
    void clientNetworkShouldMatchAddressesInsideTheBlock() {
        WhitelistEntry v4 = entry(WhitelistEntry.Kind.CLIENT_NETWORK, "192.0.2.0/25");
        WhitelistEntry v6 = entry(WhitelistEntry.Kind.CLIENT_NETWORK, "2001:db8:aa::/48");
        WhitelistMatcher matcher = WhitelistMatcher.of(List.of(v4, v6));

        assertThat(matcher.match(request("192.0.2.127"))).contains(v4);
        assertThat(matcher.match(request("192.0.2.128"))).isEmpty();
        assertThat(matcher.match(request("2001:db8:aa:ffff::1"))).contains(v6);
        assertThat(matcher.match(request("2001:db8:ab::1"))).isEmpty();
    }

    @Test
    void hostnameSuffixShouldMatchTheDomainAndItsSubdomainsOnly() {
        WhitelistEntry suffix = entry(WhitelistEntry.Kind.CLIENT_HOSTNAME_SUFFIX, "mail.example.com");
        WhitelistMatcher matcher = WhitelistMatcher.of(List.of(suffix));

        assertThat(matcher.match(request("192.0.2.1", "MAIL.example.com."))).contains(suffix);
        assertThat(matcher.match(request("192.0.2.1", "out-3.mail.example.com"))).contains(suffix);
        assertThat(matcher.match(request("192.0.2.1", "evilmail.example.com"))).isEmpty();
        assertThat(matcher.match(request("192.0.2.1"))).isEmpty();
    }

    @Test
    void hostnameRegexShouldMatchTheWholeNameIgnoringCase() {
        WhitelistEntry regex = entry(WhitelistEntry.Kind.CLIENT_HOSTNAME_REGEX, "out-\\d+\\.example\\.com");
        WhitelistMatcher matcher = WhitelistMatcher.of(List.of(regex));

        assertThat(matcher.match(request("192.0.2.1", "OUT-12.example.com"))).contains(regex);
        assertThat(matcher.match(request("192.0.2.1", "out-12.example.com.attacker.example"))).isEmpty();
        assertThat(matcher.match(request("192.0.2.1", "out-x.example.com"))).isEmpty();
    }

    @Test
    void senderDomainShouldMatchOnlyWhenSpfPassed() {
        WhitelistEntry domain = entry(WhitelistEntry.Kind.SENDER_DOMAIN, "example.com");
        WhitelistMatcher matcher = WhitelistMatcher.of(List.of(domain));

        assertThat(matcher.match(request("alice@Example.com", true, "bob@example.net"))).contains(domain);
        assertThat(matcher.match(request("alice@example.com", false, "bob@example.net"))).isEmpty();
        assertThat(matcher.match(request("alice@sub.example.com", true, "bob@example.net"))).isEmpty();
        assertThat(matcher.match(request("", true, "bob@example.net"))).isEmpty();
    }

    @Test
    void senderDomainShouldBeTheOneSpfCheckedNotTheSrsOriginal() {
        WhitelistMatcher matcher = WhitelistMatcher.of(List.of(entry(WhitelistEntry.Kind.SENDER_DOMAIN, "example.com")));

        assertThat(matcher.match(request("SRS0=HHH1=2Z=example.com=alice@forwarder.example", true,
            "bob@example.net"))).isEmpty();
    }

    @Test
    void recipientAndRecipientDomainShouldOptOut() {
        WhitelistEntry address = entry(WhitelistEntry.Kind.RECIPIENT, "abuse@example.net");
        WhitelistEntry domain = entry(WhitelistEntry.Kind.RECIPIENT_DOMAIN, "partners.example");
        WhitelistMatcher matcher = WhitelistMatcher.of(List.of(address, domain));

        assertThat(matcher.match(request("alice@example.com", false, "Abuse@Example.NET"))).contains(address);
        assertThat(matcher.match(request("alice@example.com", false, "bob@example.net"))).isEmpty();
        assertThat(matcher.match(request("alice@example.com", false, "anyone@PARTNERS.example"))).contains(domain);
        assertThat(matcher.match(request("alice@example.com", false, "anyone@sub.partners.example"))).isEmpty();
    }

    @Test
    void matchShouldReturnTheFirstMatchingEntry() {
        WhitelistEntry first = entry(WhitelistEntry.Kind.RECIPIENT_DOMAIN, "example.net");
        WhitelistEntry second = entry(WhitelistEntry.Kind.CLIENT_NETWORK, "192.0.2.0/24");

        assertThat(WhitelistMatcher.of(List.of(first, second)).match(request("192.0.2.1"))).contains(first);
        assertThat(WhitelistMatcher.of(List.of()).match(request("192.0.2.1"))).isEmpty();
    }

    private static WhitelistEntry entry(WhitelistEntry.Kind kind, String value) {
        return WhitelistEntry.create(kind, value, "", NOW);
    }

    private static GreylistRequest request(String client) {
        return new GreylistRequest(InetAddresses.forString(client), Optional.empty(), "alice@example.com", false,
            "bob@example.net");
    }

    private static GreylistRequest request(String client, String confirmedHostname) {
        return new GreylistRequest(InetAddresses.forString(client), Optional.of(confirmedHostname),
            "alice@example.com", false, "bob@example.net");
    }

    private static GreylistRequest request(String sender, boolean spfPassed, String recipient) {
        return new GreylistRequest(InetAddresses.forString("198.51.100.1"), Optional.empty(), sender, spfPassed,
            recipient);
    }
}
