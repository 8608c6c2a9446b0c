package org.postwarden.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DnsJavaResolverTest {
    /** Longer than one 255-byte character-string, so the server must split it. */
    private static final String DKIM_KEY = "v=DKIM1; k=rsa; p=" + "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A".repeat(12);

    private StaticZone zone;
    private FakeDnsServer server;
    private DnsJavaResolver resolver;

    @BeforeEach
    void setUp() throws IOException {
        zone = StaticZone.builder()
            .a("mail.example", "192.0.2.1")
            .a("mail.example", "192.0.2.2")
            .aaaa("mail.example", "2001:db8::1")
            .mx("example", 20, "backup.example")
            .mx("example", 10, "primary.example")
            .txt("selector._domainkey.example", DKIM_KEY)
            .txt("example", "v=spf1 \"quoted\" -all")
            .ptr("192.0.2.1", "mail.example")
            .servfail("broken.example")
            .timeout("slow.example")
            .build();
        server = FakeDnsServer.start(zone);
        resolver = DnsJavaResolver.builder()
            .servers(List.of(server.address()))
            .timeout(Duration.ofMillis(200))
            .retries(0)
            .build();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void lookupShouldReturnAddresses() {
        assertThat(resolver.lookup("mail.example", RecordType.A).addresses())
            .containsExactlyInAnyOrder(InetAddresses.forString("192.0.2.1"), InetAddresses.forString("192.0.2.2"));
        assertThat(resolver.lookup("mail.example", RecordType.AAAA).addresses())
            .containsExactly(InetAddresses.forString("2001:db8::1"));
    }

    @Test
    void lookupShouldReturnMxSortedByPreference() {
        assertThat(resolver.lookup("example", RecordType.MX).mxRecords())
            .containsExactly(new MxRecord(10, "primary.example"), new MxRecord(20, "backup.example"));
    }

    @Test
    void lookupShouldConcatenateTxtCharacterStrings() {
        assertThat(resolver.lookup("selector._domainkey.example", RecordType.TXT).texts()).containsExactly(DKIM_KEY);
    }

    @Test
    void lookupShouldKeepQuotesInTxtVerbatim() {
        assertThat(resolver.lookup("example", RecordType.TXT).texts()).containsExactly("v=spf1 \"quoted\" -all");
    }

    @Test
    void reverseShouldReturnPtrHostname() {
        assertThat(resolver.reverse(InetAddresses.forString("192.0.2.1")).hostnames()).containsExactly("mail.example");
    }

    @Test
    void lookupShouldReturnNxdomainWhenNameUnknown() {
        assertThat(resolver.lookup("unknown.example", RecordType.A)).isEqualTo(DnsAnswer.nxdomain());
    }

    @Test
    void lookupShouldReturnNodataWhenNameHasNoRecordOfThatType() {
        assertThat(resolver.lookup("mail.example", RecordType.MX)).isEqualTo(DnsAnswer.nodata());
    }

    @Test
    void lookupShouldReturnTempfailWhenServerFails() {
        assertThat(resolver.lookup("broken.example", RecordType.TXT)).isEqualTo(DnsAnswer.tempfail("SERVFAIL"));
    }

    @Test
    void lookupShouldReturnTempfailWhenServerIsSilent() {
        assertThat(resolver.lookup("slow.example", RecordType.TXT)).isEqualTo(DnsAnswer.tempfail("timeout"));
    }

    @Test
    void lookupShouldIgnoreCaseAndTrailingDot() {
        assertThat(resolver.lookup("MAIL.Example.", RecordType.AAAA).status()).isEqualTo(DnsAnswer.Status.FOUND);
    }

    @Test
    void lookupShouldAnswerRepeatedQueriesFromCache() {
        resolver.lookup("example", RecordType.MX);
        resolver.lookup("example", RecordType.MX);
        resolver.lookup("unknown.example", RecordType.A);
        resolver.lookup("unknown.example", RecordType.A);

        assertThat(zone.queries()).containsExactly("MX example", "A unknown.example");
    }

    @Test
    void lookupShouldReturnNxdomainWithoutQueryingWhenNameIsNotValidDns() {
        assertThat(resolver.lookup("a".repeat(64) + ".example", RecordType.A)).isEqualTo(DnsAnswer.nxdomain());
        assertThat(zone.queries()).isEmpty();
    }
}
