package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.cli.Cli.resource;
import static org.postwarden.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    @TempDir
    Path tmp;

    private static Cli.Result verify(String ip, String message, String... options) {
        List<String> args = new ArrayList<>(List.of("verify", "--dns", resource("zone.json"), "--ip", ip,
            "--helo", "mail.example.com", "--mail-from", "alice@example.com"));
        args.addAll(List.of(options));
        args.add(message);
        return run(args.toArray(String[]::new));
    }

    @Test
    void shouldPrintTheAuthenticationResultsThenTheReceivedSpfField() {
        Cli.Result result = verify("192.0.2.10", resource("message.eml"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Authentication-Results: localhost; spf=pass smtp.mailfrom=example.com;\r\n"
            + "\tdkim=none; arc=none smtp.remote-ip=192.0.2.10; dmarc=pass\r\n"
            + "\t(p=reject dis=none) header.from=example.com\n"
            + "Received-SPF: pass (localhost: domain of alice@example.com designates 192.0.2.10 as permitted sender)"
            + " client-ip=192.0.2.10; envelope-from=\"alice@example.com\"; helo=mail.example.com; receiver=localhost;"
            + " identity=mailfrom;\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void authservIdShouldNameTheReceiverInBothFields() {
        Cli.Result result = verify("198.51.100.7", resource("message.eml"), "--authserv-id", "mx.example.net");

        assertThat(result.out()).startsWith("Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=example.com;")
            .contains("dmarc=fail\r\n\t(p=reject dis=reject) header.from=example.com\n")
            .contains("; receiver=mx.example.net; identity=mailfrom;\n");
    }

    @Test
    void dkimSignatureShouldBeReported() throws Exception {
        Cli.Result signed = run("dkim-sign", "--domain", "example.com", "--selector", "ed", "--key",
            resource("keys/ed25519.pem"), resource("message.eml"));
        Path message = Files.write(tmp.resolve("signed.eml"), signed.stdout());

        assertThat(verify("198.51.100.7", message.toString()).out())
            .containsPattern("dkim=pass\\s+header.d=example.com\\s+header.i=@example.com\\s+header.s=ed")
            .contains("dmarc=pass");
    }

    @Test
    void authservIdShouldBeAToken() {
        Cli.Result result = verify("192.0.2.10", resource("message.eml"), "--authserv-id", "mx example");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith(
            "postwarden-auth verify: --authserv-id must be a host name such as mx.example.com, got \"mx example\"\n");
    }
}
