package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.cli.Cli.resource;
import static org.postwarden.cli.Cli.run;

import org.junit.jupiter.api.Test;

class SpfCommandTest {
    private static Cli.Result spf(String ip, String mailFrom, String helo) {
        return run("spf", "--dns", resource("zone.json"), "--ip", ip, "--mail-from", mailFrom, "--helo", helo);
    }

    @Test
    void authorisedAddressShouldPass() {
        Cli.Result result = spf("192.0.2.10", "alice@example.com", "mail.example.com");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("result=pass\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void failShouldPrintTheExpandedExplanation() {
        Cli.Result result = spf("198.51.100.7", "bob@example.org", "mail.example.com");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("result=fail\nexp=198.51.100.7 is not one of example.org's mail servers\n");
    }

    @Test
    void failWithoutExplanationShouldPrintTheResultOnly() {
        assertThat(spf("198.51.100.7", "alice@example.com", "mail.example.com").out()).isEqualTo("result=fail\n");
    }

    @Test
    void emptyMailFromShouldCheckTheHeloIdentity() {
        assertThat(spf("192.0.2.10", "", "mail.example.com").out()).isEqualTo("result=pass\n");
        assertThat(spf("192.0.2.99", "", "mail.example.com").out()).isEqualTo("result=fail\n");
    }

    @Test
    void domainWithoutRecordShouldBeNone() {
        assertThat(spf("192.0.2.10", "carol@example.net", "mail.example.com").out()).isEqualTo("result=none\n");
    }

    @Test
    void ipShouldBeAnAddressLiteral() {
        Cli.Result result = spf("mail.example.com", "alice@example.com", "mail.example.com");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith(
            "postwarden-auth spf: --ip must be an IPv4 or IPv6 address, got \"mail.example.com\"\nusage: ");
    }
}
