package org.postwarden.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.postwarden.testing.SharedOracles;

/**
 * Each corpus case through authheaders ({@code shared/oracles/dmarc_oracle.py}): the same result
 * and requested policy, except where the case documents how authheaders differs. Skipped when
 * Debian's python3 cannot import authheaders.
 */
@Tag("oracle")
class DmarcOracleTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static Path script;
    /** Oracle answers by case name, computed up front on a few threads to keep the suite fast. */
    private static final Map<String, Future<String>> ANSWERS = new ConcurrentHashMap<>();
    private static ExecutorService pool;

    @TempDir
    static Path work;

    static Stream<DmarcCase> cases() {
        return DmarcCase.cases();
    }

    @BeforeAll
    static void findOracle() throws IOException, InterruptedException {
        Optional<Path> oracles = SharedOracles.directory();
        Assumptions.assumeTrue(oracles.isPresent(), "shared/oracles not found above the working directory");
        script = oracles.get().resolve("dmarc_oracle.py");
        Assumptions.assumeTrue(run(List.of(PYTHON, "-c", "import authheaders")).startsWith("exit=0"),
            "python3 cannot import authheaders");
        pool = Executors.newFixedThreadPool(4);
        for (DmarcCase dmarcCase : cases().toList()) {
            List<String> command = command(dmarcCase);
            ANSWERS.put(dmarcCase.name(), pool.submit(() -> run(command)));
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
    void ourResultAndPolicyShouldBeAuthheaders(DmarcCase dmarcCase) throws Exception {
        String output = ANSWERS.get(dmarcCase.name()).get();
        String oracle = output.lines().filter(line -> line.startsWith("dmarc=")).reduce((a, b) -> b).orElse(output);

        String expected = dmarcCase.oracle().map(DmarcOracleTest::summary).orElse(DmarcCase.summary(dmarcCase.evaluate()));
        assertThat(oracle).as("authheaders said: %s", output).isEqualTo(expected);
    }

    /** The oracle command line for a case, with its DNS and message files written. */
    private static List<String> command(DmarcCase dmarcCase) throws IOException {
        Path dns = work.resolve(dmarcCase.name() + ".txt");
        Files.writeString(dns, dmarcCase.records().entrySet().stream()
            .map(record -> record.getKey() + " " + record.getValue()).collect(Collectors.joining("\n", "", "\n")));
        Path message = work.resolve(dmarcCase.name() + ".eml");
        Files.writeString(message, "From: " + String.join(", ", dmarcCase.from()) + "\r\nTo: bob@example.net\r\n"
            + "Subject: DMARC corpus\r\nMessage-ID: <" + dmarcCase.name() + "@test>\r\n\r\nHello.\r\n");

        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), "--dns", dns.toString(), "--no-dkim"));
        dmarcCase.spf().ifPresent(spf -> command.addAll(List.of("--spf", spf.get("status").asText(),
            "--mail-from", spf.get("mailfrom").asText())));
        dmarcCase.dkim().ifPresent(dkim -> command.addAll(List.of("--prev", "Authentication-Results: oracle.example; "
            + "dkim=" + dkim.get("status").asText() + " header.d=" + dkim.get("domain").asText())));
        command.add(message.toString());
        return command;
    }

    private static String summary(JsonNode oracle) {
        return "dmarc=" + oracle.get("result").asText() + " policy=" + oracle.get("policy").asText();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timeout\n" + output;
        }
        return "exit=" + process.exitValue() + "\n" + output;
    }
}
