package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.postwarden.dkim.DkimTestSupport.CLOCK;
import static org.postwarden.dkim.DkimTestSupport.bytes;
import static org.postwarden.dkim.DkimTestSupport.prepend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.dns.StaticZone;
import org.postwarden.testing.OracleRuns;
import org.postwarden.testing.SharedOracles;

/**
 * Our signatures against dkimpy, mailauth and Mail::DKIM, and dkimpy's signatures against our
 * verifier (shared/oracles/README.md). Skipped when the oracles are not installed.
 */
@Tag("oracle")
class DkimOracleInteropTest {
    private static final String DOMAIN = "example.com";
    /** Folding, a tab, 8-bit text, trailing whitespace and trailing empty lines: where canonicalizations differ. */
    private static final String MESSAGE = "From: Alice <alice@example.com>\r\n"
        + "To: Bob <bob@example.net>,\r\n\tCarol <carol@example.org>\r\n"
        + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= \t and  more\r\n"
        + "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"
        + "Message-ID: <interop@example.com>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "\r\n"
        + "Hello  Bob, \t\r\n"
        + "\r\n"
        + "  indented line\twith tab\r\n"
        + "Grüße\r\n"
        + "\r\n\r\n\r\n";

    private static Path oracles;
    private static DkimPrivateKey rsa;
    private static DkimPrivateKey ed25519;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locateOracles() {
        Optional<Path> shared = SharedOracles.directory();
        assumeTrue(shared.isPresent(), "no shared/oracles beside the repository");
        oracles = shared.get();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) && OracleRuns.succeeds("/usr/bin/python3", "-c", "import dkim, nacl"),
            "dkimpy not installed (run shared/oracles/install.sh)");
        rsa = DkimKeys.generateRsa();
        ed25519 = DkimKeys.generateEd25519();
    }

    @Test
    void dkimpyShouldPassOurRsaAndEd25519SignaturesInBothCanonicalizations() throws Exception {
        Path message = write("ours.eml", signedByUs(true));
        Path zone = write("zone.txt", zoneLines());

        assertThat(OracleRuns.run(oracles, "dkimpy_oracle.py", "verify", "--dns", zone.toString(), message.toString()))
            .satisfies(r -> assertThat(r.exit()).as(r.output()).isZero())
            .satisfies(r -> assertThat(r.output().lines().filter(l -> l.contains(": pass"))).hasSize(4));
        assertThat(OracleRuns.run(oracles, "dkimpy_oracle.py", "verify", "--dns", zone.toString(), tampered(message).toString()).exit())
            .isNotZero();
    }

    @Test
    void mailauthShouldPassOurRsaAndEd25519SignaturesInBothCanonicalizations() throws Exception {
        assumeTrue(Files.isDirectory(OracleRuns.nodeModules().resolve("mailauth")), "mailauth not installed");
        Path message = write("ours.eml", signedByUs(true));
        Path zone = write("zone.txt", zoneLines());

        assertThat(OracleRuns.run(oracles, "mailauth_oracle.py", "--dns", zone.toString(), message.toString()))
            .satisfies(r -> assertThat(r.exit()).as(r.output()).isZero())
            .satisfies(r -> assertThat(r.output().lines().filter(l -> l.startsWith("dkim[") && l.contains(": pass")))
                .hasSize(4));
        assertThat(OracleRuns.run(oracles, "mailauth_oracle.py", "--dns", zone.toString(), tampered(message).toString()).exit()).isNotZero();
    }

    @Test
    void mailDkimShouldPassOurRsaSignaturesInBothCanonicalizations() throws Exception {
        assumeTrue(OracleRuns.succeeds("perl", "-MMail::DKIM::Verifier", "-e1"), "Mail::DKIM not installed");
        Path message = write("ours.eml", signedByUs(false));
        Path zone = write("zone.txt", zoneLines());

        assertThat(OracleRuns.run(oracles, "maildkim_oracle.pl", "verify", "--dns", zone.toString(), message.toString()))
            .satisfies(r -> assertThat(r.exit()).as(r.output()).isZero())
            .satisfies(r -> assertThat(r.output().lines().filter(l -> l.startsWith("dkim[") && l.contains(": pass")))
                .hasSize(2));
        assertThat(OracleRuns.run(oracles, "maildkim_oracle.pl", "verify", "--dns", zone.toString(), tampered(message).toString()).exit())
            .isNotZero();
    }

    @Test
    void verifierShouldPassDkimpySignatures() throws Exception {
        Path unsigned = write("unsigned.eml", bytes(MESSAGE));
        Path rsaKey = write("rsa.pem", bytes(rsa.toPem()));
        Path edKey = write("ed25519.pem", bytes(ed25519.toPem()));
        List<String[]> variants = List.of(
            new String[] {"rsa", rsaKey.toString(), "rsa-sha256", "relaxed/relaxed"},
            new String[] {"rsa", rsaKey.toString(), "rsa-sha256", "simple/simple", "--length"},
            new String[] {"ed", edKey.toString(), "ed25519-sha256", "relaxed/relaxed"},
            new String[] {"ed", edKey.toString(), "ed25519-sha256", "simple/simple"});
        DkimVerifier verifier = new DkimVerifier(zone(), CLOCK);

        for (String[] v : variants) {
            List<String> command = new ArrayList<>(List.of("dkimpy_oracle.py", "sign", "--selector", v[0], "--domain",
                DOMAIN, "--key", v[1], "--algo", v[2], "--canon", v[3], "--time", "1700000000"));
            command.addAll(List.of(v).subList(4, v.length));
            command.add(unsigned.toString());
            OracleRuns.Result signed = OracleRuns.run(oracles, command.toArray(String[]::new));
            assertThat(signed.exit()).as(signed.output()).isZero();
            byte[] message = bytes(signed.output());

            assertThat(verifier.verify(message)).as(String.join(" ", v))
                .singleElement().extracting(DkimResult::status).isEqualTo(DkimResult.Status.PASS);
            assertThat(verifier.verify(Files.readAllBytes(tampered(write("dkimpy.eml", message)))))
                .singleElement().extracting(DkimResult::status).isNotEqualTo(DkimResult.Status.PASS);
        }
    }

    private byte[] signedByUs(boolean withEd25519) {
        byte[] message = bytes(MESSAGE);
        List<DkimPrivateKey> keys = withEd25519 ? List.of(rsa, ed25519) : List.of(rsa);
        for (DkimPrivateKey key : keys) {
            for (Canonicalization c : Canonicalization.values()) {
                String field = DkimSigner.withKey(key).domain(DOMAIN).selector(selector(key))
                    .headers(SignedHeaders.recommended()).canonicalization(c, c).clock(CLOCK).build().sign(message);
                message = prepend(field, message);
            }
        }
        return message;
    }

    private static String selector(DkimPrivateKey key) {
        return key == rsa ? "rsa" : "ed";
    }

    private static byte[] zoneLines() {
        return bytes("rsa._domainkey.example.com " + rsa.publicKey().dnsRecord() + "\n"
            + "ed._domainkey.example.com " + ed25519.publicKey().dnsRecord() + "\n");
    }

    private static StaticZone zone() {
        return DkimTestSupport.zoneFromLines(new String(zoneLines(), StandardCharsets.ISO_8859_1)).build();
    }

    private Path tampered(Path message) throws IOException {
        String text = Files.readString(message, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("Hello  Bob");
        return write("tampered-" + message.getFileName(), bytes(text.replace("Hello  Bob", "Hello  Eve")));
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }
}
