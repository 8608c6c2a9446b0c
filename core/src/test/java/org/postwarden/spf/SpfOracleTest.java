package org.postwarden.spf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postwarden.dns.StaticZone;
import org.postwarden.testing.SharedOracles;

/**
 * Each corpus case through Perl Mail::SPF ({@code shared/oracles/mailspf_zone_check.pl}): our result
 * must be Mail::SPF's, except where the case documents why Mail::SPF differs. Skipped when the
 * oracle cannot run here.
 */
@Tag("oracle")
class SpfOracleTest {
    private static Path script;
    /** Oracle answers by case name, computed up front on a few threads to keep the suite fast. */
    private static final Map<String, Future<Map<String, String>>> ANSWERS = new ConcurrentHashMap<>();
    private static ExecutorService pool;

    @TempDir
    static Path zones;

    static Stream<SpfCorpus> cases() {
        return SpfCorpus.cases();
    }

    @BeforeAll
    static void findOracle() throws IOException, InterruptedException {
        script = SharedOracles.directory().map(oracles -> oracles.resolve("mailspf_zone_check.pl")).orElse(null);
        Assumptions.assumeTrue(script != null && Files.isRegularFile(script),
            "shared/oracles not found above the working directory");
        Path zone = zones.resolve("probe.json");
        Files.writeString(zone, "{\"example.com\":[{\"TXT\":\"v=spf1 +all\"}]}");
        Map<String, String> probe = run(zone, "192.0.2.1", "a@example.com", "example.com");
        Assumptions.assumeTrue("pass".equals(probe.get("result")),
            "Mail::SPF oracle does not run here: " + probe);
        pool = Executors.newFixedThreadPool(4);
        for (SpfCorpus spfCase : cases().toList()) {
            Path caseZone = zones.resolve(spfCase.name() + ".json");
            Files.writeString(caseZone, spfCase.zoneJson());
            ANSWERS.put(spfCase.name(), pool.submit(() -> run(caseZone, spfCase.ip(), spfCase.mailFrom(), spfCase.helo())));
        }
    }

    @AfterAll
    static void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ourResultShouldBeMailSpfs(SpfCorpus spfCase) throws Exception {
        Map<String, String> oracle = ANSWERS.get(spfCase.name()).get();
        SpfResult ours = new SpfVerifier(StaticZone.fromJson(spfCase.zoneJson()))
            .check(InetAddresses.forString(spfCase.ip()), spfCase.mailFrom(), spfCase.helo());

        assertThat(oracle.get("result")).as("Mail::SPF %s", oracle)
            .isEqualTo(spfCase.mailSpfResult().orElse(ours.status().keyword()));
        if (ours.status() == SpfStatus.FAIL && spfCase.mailSpfResult().isEmpty()) {
            // The oracle's server reports "DEFAULT" when the record gives no usable exp=.
            Optional<String> explanation = Optional.ofNullable(oracle.get("exp")).filter(exp -> !exp.equals("DEFAULT"));
            assertThat(ours.explanation()).isEqualTo(explanation);
        }
    }

    private static Map<String, String> run(Path zone, String ip, String sender, String helo)
        throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/perl", script.toString(), zone.toString(), ip, sender, helo)
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            return Map.of("error", output);
        }
        return output.lines().filter(line -> line.contains("="))
            .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                line -> line.substring(line.indexOf('=') + 1), (first, second) -> first));
    }
}
