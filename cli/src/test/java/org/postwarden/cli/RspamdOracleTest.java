package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.postwarden.cli.Cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.LoopbackDaemon;
import org.postwarden.testing.OracleRuns;

/**
 * Our DKIM signatures and ARC seals against rspamd (Debian package rspamd), one more verifier we did not write:
 * a local instance on a free loopback port, with its own configuration under target/ on top of the stock one,
 * the TXT records of zone.json served by rspamd's {@code dns.fake_records} (no DNS server), asked with rspamc.
 * Skipped when rspamd is not installed.
 */
@Tag("oracle")
class RspamdOracleTest {
    private static final Path RSPAMD = Path.of("/usr/bin/rspamd");
    private static final Path RSPAMC = Path.of("/usr/bin/rspamc");
    private static final String CHECKED = "Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=example.com\r\n";

    private static Path home;
    private static LoopbackDaemon rspamd;

    @BeforeAll
    static void startRspamd() throws Exception {
        assumeTrue(Files.isExecutable(RSPAMD) && Files.isExecutable(RSPAMC), "rspamd not installed");
        home = Files.createDirectories(Path.of("target", "rspamd-" + UUID.randomUUID()).toAbsolutePath());
        for (String directory : List.of("local.d", "override.d", "db", "run", "log")) {
            Files.createDirectories(home.resolve(directory));
        }
        Files.writeString(home.resolve("local.d/options.inc"), options());
        Files.writeString(home.resolve("local.d/worker-normal.inc"), "bind_socket = \"127.0.0.1:$TEST_PORT\";\ncount = 1;\n");
        for (String worker : List.of("controller", "proxy", "fuzzy")) {
            Files.writeString(home.resolve("override.d/worker-" + worker + ".inc"), "enabled = false;\n");
        }
        rspamd = LoopbackDaemon.start("rspamd", Duration.ofSeconds(90), port -> List.of(RSPAMD.toString(), "-f", "-i",
            "-c", "/etc/rspamd/rspamd.conf", "--var", "LOCAL_CONFDIR=" + home, "--var", "DBDIR=" + home.resolve("db"),
            "--var", "RUNDIR=" + home.resolve("run"), "--var", "LOGDIR=" + home.resolve("log"),
            "--var", "TEST_PORT=" + port));
    }

    @AfterAll
    static void stopRspamd() throws InterruptedException {
        if (rspamd != null) {
            rspamd.close();
        }
    }

    /** Every TXT record of zone.json as a fake record; no name server answers (port 1). */
    private static String options() throws IOException {
        JsonNode zone = new ObjectMapper().readTree(Path.of(resource("zone.json")).toFile());
        StringBuilder records = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> names = zone.fields(); names.hasNext(); ) {
            Map.Entry<String, JsonNode> name = names.next();
            for (JsonNode record : name.getValue()) {
                if (record.has("TXT")) {
                    records.append("    { name = \"").append(name.getKey()).append("\"; type = \"txt\"; replies = [\"")
                        .append(record.get("TXT").asText()).append("\"]; },\n");
                }
            }
        }
        return "dns {\n  nameserver = [\"127.0.0.1:1\"];\n  timeout = 1s;\n  retransmits = 1;\n  fake_records = [\n"
            + records + "  ];\n}\n";
    }

    /** The symbols rspamd gives the message, "NAME[options]" each, such as "R_DKIM_ALLOW[example.com:s=rsa]". */
    private static List<String> symbols(byte[] message) throws Exception {
        Path file = Files.write(home.resolve("message-" + UUID.randomUUID() + ".eml"), message);
        OracleRuns.Result result = OracleRuns.exec(List.of(RSPAMC.toString(), "-h", "127.0.0.1:" + rspamd.port(),
            "symbols", file.toString()));
        assertThat(result.exit()).as(result.output()).isZero();
        List<String> symbols = new ArrayList<>();
        for (String line : result.output().lines().toList()) {
            if (line.startsWith("Symbol: ")) {
                symbols.add(line.substring("Symbol: ".length()).replaceFirst(" \\([-0-9.]+\\)", ""));
            }
        }
        return symbols;
    }

    private static byte[] dkimSign(byte[] message, String key, String selector) throws IOException {
        Path file = Files.write(home.resolve("to-sign-" + UUID.randomUUID() + ".eml"), message);
        Cli.Result signed = Cli.run("dkim-sign", "--domain", "example.com", "--selector", selector,
            "--key", resource("keys/" + key + ".pem"), file.toString());
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        return signed.stdout();
    }

    private static byte[] arcSeal(byte[] message) throws IOException {
        Path file = Files.write(home.resolve("to-seal-" + UUID.randomUUID() + ".eml"), message);
        Cli.Result sealed = Cli.run("arc-seal", "--key", resource("keys/rsa.pem"), "--selector", "rsa",
            "--domain", "example.com", "--authserv-id", "mx.example.com", "--dns", resource("zone.json"), file.toString());
        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        return sealed.stdout();
    }

    private static byte[] message() throws IOException {
        return Files.readAllBytes(Path.of(resource("message.eml")));
    }

    private static byte[] prepend(String field, byte[] message) {
        return (field + new String(message, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] tampered(byte[] message) {
        return new String(message, StandardCharsets.ISO_8859_1).replace("Noon", "Midnight")
            .getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void rspamdShouldAllowOurRsaSignature() throws Exception {
        byte[] signed = dkimSign(message(), "rsa", "rsa");

        assertThat(symbols(signed)).contains("R_DKIM_ALLOW[example.com:s=rsa]");
        assertThat(symbols(tampered(signed))).contains("R_DKIM_REJECT[example.com:s=rsa]");
    }

    @Test
    void rspamdShouldAllowOurEd25519Signature() throws Exception {
        byte[] signed = dkimSign(message(), "ed25519", "ed");

        assertThat(symbols(signed)).contains("R_DKIM_ALLOW[example.com:s=ed]");
        assertThat(symbols(tampered(signed))).contains("R_DKIM_REJECT[example.com:s=ed]");
    }

    @Test
    void rspamdShouldAllowOurSealsOfOneToThreeHops() throws Exception {
        byte[] message = prepend(CHECKED, message());
        for (int hop = 1; hop <= 3; hop++) {
            message = arcSeal(message);

            assertThat(symbols(message)).contains("ARC_ALLOW[example.com:s=rsa:i=" + hop + "]");
            message = prepend("Authentication-Results: mx.example.com; arc=pass\r\n", message);
        }
        assertThat(symbols(tampered(message))).anyMatch(symbol -> symbol.startsWith("ARC_REJECT["));
    }
}
