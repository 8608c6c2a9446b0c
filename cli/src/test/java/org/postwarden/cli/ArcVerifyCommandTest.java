package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.cli.Cli.resource;
import static org.postwarden.cli.Cli.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.arc.ArcSealer;
import org.postwarden.arc.ArcValidator;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dns.StaticZone;

class ArcVerifyCommandTest {
    @TempDir
    Path tmp;
    private String sealed;

    /** message.eml sealed once by example.com with keys/rsa.pem, published at rsa._domainkey.example.com. */
    @BeforeEach
    void seal() throws Exception {
        byte[] message = Files.readAllBytes(Path.of(resource("message.eml")));
        ArcValidator validator = new ArcValidator(StaticZone.load(Path.of(resource("zone.json"))), Clock.systemUTC());
        ArcSealer sealer = ArcSealer.withKey(DkimKeys.readPrivateKey(Path.of(resource("keys/rsa.pem"))))
            .domain("example.com").selector("rsa").authservId("mx.example.com").build();
        String block = sealer.seal(message, "spf=pass smtp.mailfrom=example.com", validator.validate(message)).headerBlock();
        sealed = block + new String(message, StandardCharsets.UTF_8);
    }

    private Cli.Result arcVerify(String message) throws Exception {
        Path file = Files.writeString(tmp.resolve("message.eml"), message);
        return run("arc-verify", "--dns", resource("zone.json"), file.toString());
    }

    @Test
    void sealedMessageShouldPass() throws Exception {
        Cli.Result result = arcVerify(sealed);

        assertThat(result.out()).isEqualTo("cv=pass\n");
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void messageWithoutArcShouldBeNoneWithExitCode0() {
        Cli.Result result = run("arc-verify", "--dns", resource("zone.json"), resource("message.eml"));

        assertThat(result.out()).isEqualTo("cv=none\n");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void alteredMessageShouldFailWithTheReasonOnStandardError() throws Exception {
        Cli.Result result = arcVerify(sealed.replace("Noon", "Midnight"));

        assertThat(result.out()).isEqualTo("cv=fail\n");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("postwarden-auth arc-verify: ARC-Message-Signature i=1 body hash did not verify\n");
    }
}
