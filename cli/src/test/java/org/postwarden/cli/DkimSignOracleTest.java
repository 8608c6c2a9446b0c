package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.postwarden.cli.Cli.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages signed by {@code postwarden-auth dkim-sign} through dkimpy ({@code dkimpy_oracle.py verify}). */
@Tag("oracle")
class DkimSignOracleTest {
    @TempDir
    Path tmp;
    private Path dns;

    @BeforeEach
    void writeDns() throws Exception {
        dns = MailauthZone.write(new ObjectMapper().readTree(Path.of(resource("zone.json")).toFile()),
            tmp.resolve("zone.mailauth.json")).orElseThrow();
        assumeTrue(Oracles.works("cv=none", "dkimpy_oracle.py", "arc-verify", "--dns", dns.toString(),
            resource("message.eml")), "dkimpy_oracle.py does not run here");
    }

    private Path sign(String message, String key, String selector, String name) throws Exception {
        Cli.Result signed = Cli.run("dkim-sign", "--domain", "example.com", "--selector", selector,
            "--key", resource("keys/" + key + ".pem"), message);
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        return Files.write(tmp.resolve(name), signed.stdout());
    }

    @Test
    void dkimpyShouldPassOurRsaSignature() throws Exception {
        Path signed = sign(resource("message.eml"), "rsa", "rsa", "rsa.eml");

        assertThat(Oracles.run("dkimpy_oracle.py", "verify", "--dns", dns.toString(), signed.toString()))
            .satisfies(r -> assertThat(r.exitCode()).as(r.output()).isZero())
            .satisfies(r -> assertThat(r.output()).contains("d=example.com s=rsa a=rsa-sha256: pass"));
    }

    @Test
    void dkimpyShouldPassOurEd25519SignatureOverOurRsaOne() throws Exception {
        Path rsa = sign(resource("message.eml"), "rsa", "rsa", "rsa.eml");
        Path both = sign(rsa.toString(), "ed25519", "ed", "both.eml");

        assertThat(Oracles.run("dkimpy_oracle.py", "verify", "--dns", dns.toString(), both.toString()))
            .satisfies(r -> assertThat(r.exitCode()).as(r.output()).isZero())
            .satisfies(r -> assertThat(r.output()).contains("d=example.com s=ed a=ed25519-sha256: pass",
                "d=example.com s=rsa a=rsa-sha256: pass"));
    }

    @Test
    void dkimpyShouldFailOurSignaturesOnceTheBodyChanges() throws Exception {
        Path both = sign(sign(resource("message.eml"), "rsa", "rsa", "rsa.eml").toString(), "ed25519", "ed", "both.eml");
        String altered = Files.readString(both, StandardCharsets.ISO_8859_1).replace("Noon", "Midnight");
        Path message = Files.writeString(tmp.resolve("altered.eml"), altered, StandardCharsets.ISO_8859_1);

        assertThat(Oracles.run("dkimpy_oracle.py", "verify", "--dns", dns.toString(), message.toString()).exitCode())
            .isNotZero();
    }
}
