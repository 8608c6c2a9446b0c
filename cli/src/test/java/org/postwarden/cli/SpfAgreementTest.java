package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's SPF corpus (core/src/test/resources/spf/corpus, already checked against Perl Mail::SPF by core's
 * SpfOracleTest) through {@code postwarden-auth spf} and through npm mailauth ({@code mailauth_oracle.py}): both
 * must give the same result. Cases whose zone mailauth's DNS file cannot express (timeouts) are left out, and so
 * are the cases of {@link #MAILAUTH_DEVIATIONS}.
 */
@Tag("oracle")
class SpfAgreementTest {
    private static final Path CORPUS = Path.of("../core/src/test/resources/spf/corpus");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MAILAUTH_SPF = Pattern.compile("(?m)^spf=(\\S+) dmarc=");

    /** Cases where mailauth 4.13 departs from RFC 7208, by case name, with the reason. */
    private static final Map<String, String> MAILAUTH_DEVIATIONS = Map.of(
        "eleven-mx-records", "RFC 7208 §4.6.4: an mx mechanism whose name has more than ten MX records MUST be"
            + " permerror; mailauth sorts the MX records and returns pass as soon as one matches, so the first of eleven"
            + " matching gives pass (Mail::SPF deviates the same way, see the case's mailspfNote)");

    @TempDir
    Path tmp;

    private record SpfCase(String name, JsonNode zone, String ip, String mailFrom, String helo) {
    }

    private record Outcome(SpfCase spfCase, String ours, String mailauth) {
        boolean agree() {
            return ours.equals(mailauth);
        }
    }

    @Test
    void postwardenAuthAndMailauthShouldAgreeOnTheCorpus() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "core's SPF corpus is not at " + CORPUS.toAbsolutePath());
        Path message = Files.writeString(tmp.resolve("message.eml"), "From: <probe@example.com>\r\n\r\nprobe\r\n");
        Path probe = Files.writeString(tmp.resolve("probe.json"), "{\"example.com\":{\"TXT\":[[\"v=spf1 +all\"]]}}");
        assumeTrue(Oracles.works("spf=pass", "mailauth_oracle.py", "--dns", probe.toString(), "--ip", "192.0.2.1",
            "--sender", "a@example.com", message.toString()), "mailauth_oracle.py does not run here");

        List<SpfCase> cases = corpus();
        List<Future<Outcome>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int inexpressible = 0;
        try {
            for (SpfCase spfCase : cases) {
                Optional<Path> mailauthZone = MailauthZone.write(spfCase.zone(), tmp.resolve(spfCase.name() + ".mailauth.json"));
                if (mailauthZone.isEmpty()) {
                    inexpressible++;
                } else if (!MAILAUTH_DEVIATIONS.containsKey(spfCase.name())) {
                    futures.add(pool.submit(() -> compare(spfCase, mailauthZone.get(), message)));
                }
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            List<Outcome> disagreements = outcomes.stream().filter(o -> !o.agree()).toList();
            System.out.printf("SPF corpus vs mailauth: %d cases, %d compared, %d agree; skipped %d without a timeout-free "
                + "zone and %d known mailauth deviations%n", cases.size(), outcomes.size(),
                outcomes.size() - disagreements.size(), inexpressible, MAILAUTH_DEVIATIONS.size());

            assertThat(disagreements).isEmpty();
            assertThat(outcomes).hasSizeGreaterThanOrEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome compare(SpfCase spfCase, Path mailauthZone, Path message) throws Exception {
        Path zone = Files.writeString(tmp.resolve(spfCase.name() + ".json"), spfCase.zone().toString());
        Cli.Result ours = Cli.run("spf", "--dns", zone.toString(), "--ip", spfCase.ip(),
            "--mail-from", spfCase.mailFrom(), "--helo", spfCase.helo());
        List<String> args = new ArrayList<>(List.of("--dns", mailauthZone.toString(), "--ip", spfCase.ip(),
            "--helo", spfCase.helo()));
        if (!spfCase.mailFrom().isEmpty()) {
            args.addAll(List.of("--sender", spfCase.mailFrom()));
        }
        args.add(message.toString());
        Oracles.Result mailauth = Oracles.run("mailauth_oracle.py", args.toArray(String[]::new));
        Matcher spf = MAILAUTH_SPF.matcher(mailauth.output());
        return new Outcome(spfCase, ours.out().lines().findFirst().orElse(ours.err()).replace("result=", ""),
            spf.find() ? spf.group(1) : mailauth.output());
    }

    private static List<SpfCase> corpus() throws Exception {
        List<SpfCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode node : JSON.readTree(file.toFile()).get("cases")) {
                    cases.add(new SpfCase(node.get("name").asText(), node.get("zone"), node.get("ip").asText(),
                        node.get("mailfrom").asText(), node.get("helo").asText()));
                }
            }
        }
        return cases;
    }
}
