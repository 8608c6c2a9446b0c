package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.cli.Cli.resource;
import static org.postwarden.cli.Cli.runWithInput;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DmarcCommandTest {
    /** message.eml from {@code from}, checked for a connection from {@code ip} with MAIL FROM at the same domain. */
    private static Cli.Result dmarc(String from, String ip, String... options) throws Exception {
        String message = Files.readString(Path.of(resource("message.eml"))).replace("alice@example.com", from);
        List<String> args = new ArrayList<>(List.of("dmarc", "--dns", resource("zone.json"), "--ip", ip,
            "--helo", "mail.example.com", "--mail-from", from));
        args.addAll(List.of(options));
        args.add("-");
        return runWithInput(message.getBytes(StandardCharsets.UTF_8), args.toArray(String[]::new));
    }

    @Test
    void alignedSpfPassShouldPassWithoutPolicy() throws Exception {
        Cli.Result result = dmarc("alice@example.com", "192.0.2.10");

        assertThat(result.out()).isEqualTo("dmarc=pass policy=none\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void failureShouldGetThePublishedPolicy() throws Exception {
        assertThat(dmarc("alice@example.com", "198.51.100.7").out()).isEqualTo("dmarc=fail policy=reject\n");
        assertThat(dmarc("alice@quarantine.example", "198.51.100.7").out()).isEqualTo("dmarc=fail policy=quarantine\n");
    }

    @Test
    void failureOutsideThePctSampleShouldGetThePolicyOneLevelLower() throws Exception {
        assertThat(dmarc("alice@sampled.example", "198.51.100.7").out()).isEqualTo("dmarc=fail policy=quarantine\n");
        assertThat(dmarc("alice@sampled.example", "198.51.100.7", "--seed", "42").out()).isEqualTo("dmarc=fail policy=quarantine\n");
    }

    @Test
    void domainWithoutRecordShouldBeNone() throws Exception {
        assertThat(dmarc("alice@unprotected.example", "198.51.100.7").out()).isEqualTo("dmarc=none policy=none\n");
    }

    @Test
    void seedShouldBeAnInteger() throws Exception {
        Cli.Result result = dmarc("alice@example.com", "192.0.2.10", "--seed", "forty-two");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("postwarden-auth dmarc: --seed must be an integer, got \"forty-two\"\n");
    }
}
