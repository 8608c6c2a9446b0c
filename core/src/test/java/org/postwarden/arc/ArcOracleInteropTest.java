package org.postwarden.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.postwarden.arc.ArcTestSupport.CLOCK;
import static org.postwarden.arc.ArcTestSupport.FIRST;
import static org.postwarden.arc.ArcTestSupport.MESSAGE;
import static org.postwarden.arc.ArcTestSupport.SECOND;
import static org.postwarden.arc.ArcTestSupport.THIRD;
import static org.postwarden.arc.ArcTestSupport.bytes;
import static org.postwarden.arc.ArcTestSupport.dkimSigned;
import static org.postwarden.arc.ArcTestSupport.forwardThrough;
import static org.postwarden.arc.ArcTestSupport.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.dns.StaticZone;
import org.postwarden.testing.OracleRuns;
import org.postwarden.testing.SharedOracles;

/**
 * Our seals against dkimpy, mailauth and Mail::DKIM, and dkimpy's and mailauth's seals against our
 * validator (shared/oracles/README.md). Skipped when the oracles are not installed.
 */
@Tag("oracle")
class ArcOracleInteropTest {
    private static final ArcTestSupport.Hop[] ALL_HOPS = {FIRST, SECOND, THIRD};

    private static Path oracles;
    private static List<byte[]> ourChains;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locateOracles() {
        Optional<Path> shared = SharedOracles.directory();
        assumeTrue(shared.isPresent(), "no shared/oracles beside the repository");
        oracles = shared.get();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3"))
                && OracleRuns.succeeds("/usr/bin/python3", "-c", "import dkim, authres, nacl"),
            "dkimpy not installed (run shared/oracles/install.sh)");
        ourChains = ourChains();
    }

    @Test
    void dkimpyShouldPassOurChainsOfOneToThreeHops() throws Exception {
        List<OracleRuns.Result> results = runOnOurChains("dkimpy_oracle.py", "arc-verify", "--dns");

        assertThat(results.subList(0, ourChains.size())).allSatisfy(r -> assertThat(r.output()).as(r.output())
            .startsWith("arc cv=pass"));
        assertThat(results.get(ourChains.size()).output()).contains("arc cv=fail");
    }

    @Test
    void mailauthShouldPassOurChainsOfOneToThreeHops() throws Exception {
        assumeTrue(Files.isDirectory(OracleRuns.nodeModules().resolve("mailauth")), "mailauth not installed");
        List<OracleRuns.Result> results = runOnOurChains("mailauth_oracle.py", "--dns");

        assertThat(results.subList(0, ourChains.size())).allSatisfy(r -> assertThat(r.output()).as(r.output())
            .contains("\ncv=pass\n"));
        assertThat(results.get(ourChains.size()).output()).contains("\ncv=fail\n");
    }

    @Test
    void mailDkimShouldPassOurChainsOfOneToThreeHops() throws Exception {
        assumeTrue(OracleRuns.succeeds("perl", "-MMail::DKIM::ARC::Verifier", "-e1"), "Mail::DKIM not installed");
        List<OracleRuns.Result> results = runOnOurChains("maildkim_oracle.pl", "arc-verify", "--dns");

        assertThat(results.subList(0, ourChains.size())).allSatisfy(r -> assertThat(r.output()).as(r.output())
            .startsWith("cv=pass"));
        assertThat(results.get(ourChains.size()).output()).startsWith("cv=fail");
    }

    @Test
    void validatorShouldPassDkimpySealsOfOneAndTwoHops() throws Exception {
        ArcValidator validator = new ArcValidator(ArcTestSupport.zone().build(), CLOCK);
        byte[] once = dkimpySeal(bytes(MESSAGE), FIRST, "spf=pass smtp.mailfrom=origin.example; dkim=pass header.d=origin.example");
        byte[] twice = dkimpySeal(once, SECOND, "arc=pass");

        ArcValidation first = validator.validate(once);
        assertThat(first.cv()).as(first.failure().toString()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(first.trustedOriginalAuthentication(Set.of(FIRST.domain())))
            .contains(new TrustedArcSealer(FIRST.domain(), 1, FIRST.authservId(), true, true));
        ArcValidation second = validator.validate(twice);
        assertThat(second.cv()).as(second.failure().toString()).isEqualTo(ChainValidationStatus.PASS);
        assertThat(second.sets()).extracting(set -> set.seal().domain()).containsExactly(FIRST.domain(), SECOND.domain());
        assertThat(second.oldestPass()).isZero();
        assertThat(validator.validate(bytes(text(twice).replace("Hello  Bob", "Hello  Eve"))).failure())
            .map(ArcFailure::reason).contains(ArcFailure.Reason.BODY_HASH_MISMATCH);
        assertThat(validator.validate(bytes(text(twice).replace("spf=pass", "spf=fail"))).failure())
            .map(ArcFailure::reason).contains(ArcFailure.Reason.SEAL_SIGNATURE_MISMATCH);
    }

    @Test
    void validatorShouldPassMailauthSealsOfOneAndTwoHops() throws Exception {
        assumeTrue(Files.isDirectory(OracleRuns.nodeModules().resolve("mailauth")), "mailauth not installed");
        ArcValidator validator = new ArcValidator(ArcTestSupport.zone().build(), CLOCK);
        byte[] once = mailauthSeal(dkimSigned(MESSAGE), FIRST);
        byte[] twice = mailauthSeal(once, SECOND);

        for (byte[] sealed : List.of(once, twice)) {
            ArcValidation validation = validator.validate(sealed);
            assertThat(validation.cv()).as(validation.failure().toString()).isEqualTo(ChainValidationStatus.PASS);
        }
        assertThat(validator.validate(twice).trustedOriginalAuthentication(Set.of(SECOND.domain())))
            .hasValueSatisfying(sealer -> assertThat(sealer.dkimPass()).isTrue());
        assertThat(validator.validate(bytes(text(twice).replace("Hello  Bob", "Hello  Eve"))).cv())
            .isEqualTo(ChainValidationStatus.FAIL);
    }

    /** dkimpy seals what the Authentication-Results of its authserv-id say, so the hop adds one first. */
    private byte[] dkimpySeal(byte[] message, ArcTestSupport.Hop hop, String resinfos) throws Exception {
        String authenticationResults = "Authentication-Results: " + hop.authservId() + "; " + resinfos + "\r\n";
        Path file = write("to-seal.eml", bytes(authenticationResults + text(message)));
        Path key = write("key.pem", bytes(hop.key().toPem()));
        OracleRuns.Result sealed = OracleRuns.run(oracles, "dkimpy_oracle.py", "arc-sign", "--selector", hop.selector(), "--domain", hop.domain(),
            "--key", key.toString(), "--srv-id", hop.authservId(), "--time", Long.toString(ArcTestSupport.NOW.getEpochSecond()),
            file.toString());
        assertThat(sealed.exit()).as(sealed.output()).isZero();
        assertThat(sealed.output()).startsWith("ARC-Seal:");
        return bytes(sealed.output());
    }

    /** mailauth authenticates the message (keys from a DNS cache file), then seals its own results. */
    private byte[] mailauthSeal(byte[] message, ArcTestSupport.Hop hop) throws Exception {
        Path file = write("to-seal.eml", message);
        Path key = write("key.pem", bytes(hop.key().toPem()));
        Path cache = write("dns-cache.json", bytes(mailauthDnsCache()));
        OracleRuns.Result sealed = OracleRuns.exec(List.of(OracleRuns.nodeModules().resolve(".bin").resolve("mailauth").toString(), "seal",
            "-k", key.toString(), "-d", hop.domain(), "-s", hop.selector(), "-t", Long.toString(ArcTestSupport.NOW.getEpochSecond()),
            "-m", hop.authservId(), "-i", "192.0.2.1", "-f", "alice@origin.example", "--dns-cache", cache.toString(),
            file.toString()));
        assertThat(sealed.exit()).as(sealed.output()).isZero();
        assertThat(sealed.output()).startsWith("ARC-Seal:");
        return bytes(sealed.output());
    }

    /** mailauth's resolver cache format: {name: {"TXT": [[chunk, ...]]}}, chunks of at most 255 octets. */
    private static String mailauthDnsCache() {
        StringBuilder json = new StringBuilder("{");
        for (ArcTestSupport.Hop hop : ArcTestSupport.HOPS) {
            String txt = hop.key().publicKey().dnsRecord();
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < txt.length(); i += 255) {
                chunks.add("\"" + txt.substring(i, Math.min(txt.length(), i + 255)) + "\"");
            }
            json.append(json.length() > 1 ? "," : "").append('"').append(hop.keyName()).append("\": {\"TXT\": [[")
                .append(String.join(",", chunks)).append("]]}");
        }
        return json.append('}').toString();
    }

    /** From a DKIM-signed message and from an unsigned one, after 1, 2 and 3 forwarders. */
    private static List<byte[]> ourChains() {
        StaticZone zone = ArcTestSupport.zone().build();
        List<byte[]> chains = new ArrayList<>();
        for (byte[] start : List.of(dkimSigned(MESSAGE), bytes(MESSAGE))) {
            for (int hops = 1; hops <= ALL_HOPS.length; hops++) {
                chains.add(forwardThrough(start, zone, Arrays.copyOf(ALL_HOPS, hops)));
            }
        }
        return chains;
    }

    /**
     * Runs the oracle, all at once, on each of our chains and last on a copy of the 3-hop chain with its
     * body changed; {@code options} end with the option that takes the zone file.
     */
    private List<OracleRuns.Result> runOnOurChains(String... options) throws Exception {
        Path zone = write("zone.txt", bytes(ArcTestSupport.zoneLines()));
        List<byte[]> messages = new ArrayList<>(ourChains);
        messages.add(bytes(text(ourChains.get(2)).replace("Hello  Bob", "Hello  Eve")));
        List<List<String>> commands = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            List<String> command = new ArrayList<>(List.of(options));
            command.set(0, oracles.resolve(options[0]).toString());
            command.add(zone.toString());
            command.add(write("message-" + i + ".eml", messages.get(i)).toString());
            commands.add(command);
        }
        return OracleRuns.execAll(commands);
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }
}
