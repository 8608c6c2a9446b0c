package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.postwarden.cli.Cli.resource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.testing.OracleRuns;

/**
 * Seals made by {@code postwarden-auth arc-seal} against dkimpy's and mailauth's ARC validation
 * (shared/oracles), and {@code arc-verify} against dkimpy on dkimpy's own ARC messages. Skipped when the
 * oracles are not installed.
 */
@Tag("oracle")
class ArcSealOracleTest {
    private static final String CHECKED = "Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=example.com\r\n";
    private static final String PASSED = "Authentication-Results: mx.example.com; arc=pass\r\n";
    /** dkimpy's ARC test messages and ours sealed by dkimpy, in core's test resources (arc/README.md). */
    private static final List<String> DKIMPY_VECTORS = List.of("dkimpy-test-arc-signed.txt",
        "dkimpy-test-arc-h-in-seal.txt", "dkimpy-empty-h.txt", "dkimpy-unknown-h.txt", "dkimpy-2-hops.txt");

    @TempDir
    Path tmp;
    private Path zone;
    private Path oracleZone;
    private final List<String> vectorMessages = new ArrayList<>();

    /** zone.json plus the keys of the dkimpy vectors, in our format and in mailauth's (which the oracles read). */
    @BeforeEach
    void writeZones() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode names = (ObjectNode) json.readTree(Path.of(resource("zone.json")).toFile());
        for (String vector : DKIMPY_VECTORS) {
            String[] parts = coreResource(vector).split("\n\n", 2);
            parts[0].lines().map(line -> line.split(" ", 2))
                .forEach(line -> names.putArray(line[0]).addObject().put("TXT", line[1]));
            vectorMessages.add(parts[1]);
        }
        zone = tmp.resolve("zone.json");
        json.writeValue(zone.toFile(), names);
        oracleZone = MailauthZone.write(names, tmp.resolve("zone.mailauth.json")).orElseThrow();
        assumeTrue(Oracles.works("cv=none", "dkimpy_oracle.py", "arc-verify", "--dns", oracleZone.toString(),
            resource("message.eml")), "dkimpy_oracle.py does not run here");
        assumeTrue(Files.isDirectory(OracleRuns.nodeModules().resolve("mailauth")), "mailauth not installed");
    }

    private static String coreResource(String name) throws IOException {
        try (InputStream in = ArcSealOracleTest.class.getResourceAsStream("/arc/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private Path write(String name, String message) throws IOException {
        return Files.writeString(tmp.resolve(name), message, StandardCharsets.ISO_8859_1);
    }

    private String seal(String message, String authservId) throws IOException {
        Cli.Result sealed = Cli.run("arc-seal", "--key", resource("keys/rsa.pem"), "--selector", "rsa",
            "--domain", "example.com", "--authserv-id", authservId, "--dns", zone.toString(), "--time", "1700000000",
            write("to-seal.eml", message).toString());
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        return new String(sealed.stdout(), StandardCharsets.ISO_8859_1);
    }

    /** dkimpy's verdict from its "arc cv=" line on, without the log lines before it. */
    private String dkimpy(String message) throws Exception {
        String output = Oracles.run("dkimpy_oracle.py", "arc-verify", "--dns", oracleZone.toString(),
            write("dkimpy.eml", message).toString()).output();
        int verdict = output.indexOf("arc cv=");
        return verdict < 0 ? output : output.substring(verdict);
    }

    private String mailauth(String message) throws Exception {
        String output = Oracles.run("mailauth_oracle.py", "--dns", oracleZone.toString(),
            write("mailauth.eml", message).toString()).output();
        return output.lines().filter(line -> line.startsWith("cv=")).findFirst().orElse(output);
    }

    private String ours(String message) throws IOException {
        return Cli.run("arc-verify", "--dns", zone.toString(), write("ours.eml", message).toString()).out().strip();
    }

    /** dkimpy's verify_instance on the newest set alone, the scope of a cv=fail seal (RFC 8617 §5.1.2). */
    private String dkimpyNewestSetAlone(String message) throws Exception {
        return OracleRuns.exec(List.of("/usr/bin/python3", resource("arc/dkimpy_newest_set.py"), oracleZone.toString(),
            write("newest.eml", message).toString())).output().strip();
    }

    @Test
    void chainsOfOneTwoAndThreeHopsShouldPassDkimpyAndMailauth() throws Exception {
        String message = CHECKED + Files.readString(Path.of(resource("message.eml")), StandardCharsets.ISO_8859_1);
        for (int hop = 1; hop <= 3; hop++) {
            message = seal(message, "mx.example.com");

            assertThat(message).startsWith("ARC-Seal: i=" + hop + ";");
            assertThat(dkimpy(message)).as("hop " + hop).startsWith("arc cv=pass");
            assertThat(mailauth(message)).as("hop " + hop).isEqualTo("cv=pass");
            message = PASSED + message;
        }
    }

    @Test
    void aFailedChainShouldBeSealedCvFailOverTheNewSetAlone() throws Exception {
        String twice = seal(PASSED + seal(CHECKED + Files.readString(Path.of(resource("message.eml")),
            StandardCharsets.ISO_8859_1), "mx.example.com"), "mx.example.com");
        String tampered = "Authentication-Results: mx.example.com; arc=fail\r\n" + twice.replace("Noon", "Midnight");

        String sealed = seal(tampered, "mx.example.com");

        assertThat(sealed).startsWith("ARC-Seal: i=3; a=rsa-sha256; t=1700000000; cv=fail;");
        assertThat(dkimpy(sealed)).startsWith("arc cv=fail (ARC-Seal[3] reported failure, the chain is terminated)");
        assertThat(mailauth(sealed)).isEqualTo("cv=fail");
        assertThat(dkimpyNewestSetAlone(sealed)).isEqualTo("i=3 as-valid=True ams-valid=True cv=fail");
        // The check is not vacuous: a cv=pass seal covers every set, not its own alone.
        assertThat(dkimpyNewestSetAlone(twice)).isEqualTo("i=2 as-valid=False ams-valid=True cv=pass");
        // And dkimpy seals the same failed chain the same way.
        String dkimpySealed = Oracles.run("dkimpy_oracle.py", "arc-sign", "--selector", "rsa", "--domain",
            "example.com", "--key", resource("keys/rsa.pem"), "--srv-id", "mx.example.com", "--time", "1700000000",
            write("dkimpy-seal.eml", tampered).toString()).output();
        assertThat(dkimpySealed).startsWith("ARC-Seal: i=3; cv=fail;");
        assertThat(dkimpyNewestSetAlone(dkimpySealed)).isEqualTo("i=3 as-valid=True ams-valid=True cv=fail");
    }

    @Test
    void arcVerifyShouldAgreeWithDkimpyOnEveryDkimpyMessage() throws Exception {
        for (int i = 0; i < DKIMPY_VECTORS.size(); i++) {
            String message = vectorMessages.get(i);
            String dkimpy = dkimpy(message);

            assertThat(dkimpy).as(DKIMPY_VECTORS.get(i)).startsWith(i == 1 ? "arc cv=fail" : "arc cv=pass");
            assertThat("arc " + ours(message)).as(DKIMPY_VECTORS.get(i)).isEqualTo(dkimpy.substring(0, dkimpy.indexOf(" (")));
        }
    }

    @Test
    void ourSealsOverEveryDkimpyMessageShouldValidateWithDkimpyAndMailauth() throws Exception {
        for (int i = 0; i < DKIMPY_VECTORS.size(); i++) {
            String message = vectorMessages.get(i);
            String authservId = i < 2 ? "lists.example.org" : "mx.example.com";
            String sealed = seal(i < 2 ? message : CHECKED + message, authservId);

            if (i == 1) {
                // Its ARC-Seal has h=, so the chain fails: our seal is cv=fail, over our set alone.
                assertThat(sealed).startsWith("ARC-Seal: i=2; a=rsa-sha256; t=1700000000; cv=fail;");
                assertThat(dkimpyNewestSetAlone(sealed)).isEqualTo("i=2 as-valid=True ams-valid=True cv=fail");
            } else {
                assertThat(dkimpy(sealed)).as(DKIMPY_VECTORS.get(i)).startsWith("arc cv=pass");
                assertThat(mailauth(sealed)).as(DKIMPY_VECTORS.get(i)).isEqualTo("cv=pass");
            }
        }
    }
}
