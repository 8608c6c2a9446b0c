package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One corpus, several implementations. Each SPF case (core's corpus, then the openspf RFC 7208 suite) goes to
 * {@code postwarden-auth spf} and to the independent implementations of shared/oracles: pyspf, Perl Mail::SPF and
 * npm mailauth. Each DMARC case (resources/dmarc/cases.json) goes to {@code postwarden-auth dmarc}, to mailauth and
 * to authheaders (given our SPF result, which the SPF half compares; it evaluates DKIM with dkimpy itself). Any
 * disagreement fails the test unless resources/agreement/known-differences.tsv lists it (case, implementation,
 * reason); a listed difference that no longer shows fails it too, so the file stays true. The DKIM vectors of
 * ../shared/vectors/dkim, as signed and with their body altered, go to {@code postwarden-auth dkim-verify}, dkimpy and
 * mailauth, compared signature by signature.
 *
 * <p>On CI (environment variable CI set) the oracles must run; elsewhere the test is skipped without them.
 */
@Tag("oracle")
class AgreementCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path SPF_RESOURCES = Path.of("../core/src/test/resources/spf");
    private static final Pattern MAILAUTH_SPF = Pattern.compile("(?m)^spf=(\\S+) dmarc=");
    private static final Pattern AUTHHEADERS_DMARC = Pattern.compile("(?m)^dmarc=(\\S+) policy=(\\S+)$");
    private static final String DMARC_HELO = "client.example";
    private static final Pattern MAILAUTH_DKIM = Pattern.compile("(?m)^dkim\\[\\d+\\] [^\\n]*: (\\S+)");

    @TempDir
    Path tmp;

    record SpfCase(String name, JsonNode zone, String ip, String mailFrom, String helo) {
    }

    /** One implementation's answer that is not ours. */
    record Difference(String caseName, String implementation, String ours, String theirs) {
        String key() {
            return caseName + "\t" + implementation;
        }

        @Override
        public String toString() {
            return caseName + " " + implementation + ": ours " + ours + ", theirs " + theirs;
        }
    }

    @Test
    void postwardenAuthShouldAgreeWithTheOraclesOrListWhyNot() throws Exception {
        requireOracles();
        List<SpfCase> cases = new ArrayList<>(corpus());
        cases.addAll(suite("rfc7208-tests.yml", "rfc7208/"));
        Map<String, String> known = knownDifferences();

        Map<String, String> ours = new LinkedHashMap<>();
        for (SpfCase spfCase : cases) {
            ours.put(spfCase.name(), ourSpf(spfCase));
        }
        Map<String, Map<String, String>> theirs = new LinkedHashMap<>();
        theirs.put("pyspf", pyspf(cases));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            theirs.put("mailspf", inParallel(pool, cases, this::mailSpf));
            theirs.put("mailauth", inParallel(pool, cases, this::mailauth));
        } finally {
            pool.shutdownNow();
        }

        List<DmarcCase> dmarcCases = dmarcCases();
        for (DmarcCase dmarcCase : dmarcCases) {
            ours.put(dmarcCase.name(), ourDmarc(dmarcCase));
            assertThat(ours.get(dmarcCase.name())).as(dmarcCase.name()).isEqualTo(dmarcCase.expected());
            theirs.computeIfAbsent("mailauth", k -> new LinkedHashMap<>()).put(dmarcCase.name(), mailauthDmarc(dmarcCase));
            theirs.computeIfAbsent("authheaders", k -> new LinkedHashMap<>())
                .put(dmarcCase.name(), authheadersDmarc(dmarcCase));
        }

        List<DkimCase> dkimCases = dkimCases();
        for (DkimCase dkimCase : dkimCases) {
            ours.put(dkimCase.name(), ourDkim(dkimCase));
            theirs.get("mailauth").put(dkimCase.name(), mailauthDkim(dkimCase));
            theirs.computeIfAbsent("dkimpy", k -> new LinkedHashMap<>()).put(dkimCase.name(), dkimpy(dkimCase));
        }

        List<Difference> differences = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, Map<String, String>> implementation : theirs.entrySet()) {
            for (Map.Entry<String, String> answer : implementation.getValue().entrySet()) {
                compared++;
                String our = ours.get(answer.getKey());
                if (!our.equals(answer.getValue())) {
                    differences.add(new Difference(answer.getKey(), implementation.getKey(), our, answer.getValue()));
                }
            }
        }
        List<Difference> unlisted = differences.stream().filter(d -> !known.containsKey(d.key())).toList();
        List<String> stale = known.keySet().stream()
            .filter(key -> differences.stream().noneMatch(d -> d.key().equals(key))).toList();
        System.out.printf("Agreement corpus: %d SPF, %d DMARC and %d DKIM cases, %d oracle answers compared, %d known"
            + " differences%n", cases.size(), dmarcCases.size(), dkimCases.size(), compared,
            differences.size() - unlisted.size());

        assertThat(unlisted).as("disagreements not in known-differences.tsv").isEmpty();
        assertThat(stale).as("known-differences.tsv entries that no longer differ").isEmpty();
        assertThat(compared).isGreaterThan(500);
    }

    /** A case of resources/dmarc/cases.json, its message written (and signed when the case says so). */
    record DmarcCase(String name, String ip, String mailFrom, Path message, String expected) {
    }

    private List<DmarcCase> dmarcCases() throws Exception {
        dmarcZone = MailauthZone.write(JSON.readTree(Path.of(Cli.resource("dmarc/zone.json")).toFile()),
            tmp.resolve("dmarc.mailauth.json")).orElseThrow();
        List<DmarcCase> cases = new ArrayList<>();
        for (JsonNode node : JSON.readTree(Path.of(Cli.resource("dmarc/cases.json")).toFile()).get("cases")) {
            cases.add(new DmarcCase("dmarc/" + node.get("name").asText(), node.get("ip").asText(),
                node.get("mailfrom").asText(), dmarcMessage(node),
                "dmarc=" + node.get("dmarc").asText() + " policy=" + node.get("policy").asText()));
        }
        return cases;
    }

    private Path dmarcZone;

    /** ../message.eml from the case's From address, signed by postwarden-auth dkim-sign when the case says so. */
    private Path dmarcMessage(JsonNode dmarcCase) throws Exception {
        String text = Files.readString(Path.of(Cli.resource("message.eml")), StandardCharsets.UTF_8)
            .replace("alice@example.com", dmarcCase.get("from").asText());
        Path message = Files.writeString(tmp.resolve(dmarcCase.get("name").asText() + ".eml"), text);
        JsonNode sign = dmarcCase.get("sign");
        if (sign == null) {
            return message;
        }
        Cli.Result signed = Cli.run("dkim-sign", "--domain", sign.get("domain").asText(), "--selector",
            sign.get("selector").asText(), "--key", Cli.resource("keys/" + sign.get("key").asText() + ".pem"),
            message.toString());
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        return Files.write(message, signed.stdout());
    }

    private static String ourDmarc(DmarcCase dmarcCase) {
        return Cli.run("dmarc", "--dns", Cli.resource("dmarc/zone.json"), "--ip", dmarcCase.ip(), "--helo", DMARC_HELO,
            "--mail-from", dmarcCase.mailFrom(), dmarcCase.message().toString()).out().strip();
    }

    /** mailauth reports the published policy whatever the result: it counts only for a fail. */
    private String mailauthDmarc(DmarcCase dmarcCase) throws Exception {
        Oracles.Result result = Oracles.run("mailauth_oracle.py", "--dns", dmarcZone.toString(), "--ip", dmarcCase.ip(),
            "--helo", DMARC_HELO, "--sender", dmarcCase.mailFrom(), "--json", dmarcCase.message().toString());
        JsonNode dmarc = JSON.readTree(result.output()).path("dmarc");
        String status = dmarc.path("status").path("result").asText();
        return "dmarc=" + status + " policy=" + (status.equals("fail") ? dmarc.path("policy").asText() : "none");
    }

    private String authheadersDmarc(DmarcCase dmarcCase) throws Exception {
        String spf = Cli.run("spf", "--dns", Cli.resource("dmarc/zone.json"), "--ip", dmarcCase.ip(), "--mail-from",
            dmarcCase.mailFrom(), "--helo", DMARC_HELO).out().lines().findFirst().orElseThrow().replace("result=", "");
        Oracles.Result result = Oracles.run("dmarc_oracle.py", "--dns", dmarcZone.toString(), "--spf", spf,
            "--mail-from", dmarcCase.mailFrom(), dmarcCase.message().toString());
        Matcher dmarc = AUTHHEADERS_DMARC.matcher(result.output());
        if (!dmarc.find()) {
            return "error: " + result.output().strip();
        }
        return "dmarc=" + dmarc.group(1) + " policy=" + (dmarc.group(1).equals("fail") ? dmarc.group(2) : "none");
    }

    /** A signed message of ../shared/vectors/dkim, as published or with its body altered, and its keys. */
    record DkimCase(String name, Path zone, Path message, long now) {
    }

    private static final long STALWART_TIME = 1667843664L;
    private static final long RFC8463_TIME = 1528637909L;

    private List<DkimCase> dkimCases() throws IOException {
        Path vectors = Oracles.directory().orElseThrow().resolveSibling("vectors").resolve("dkim");
        List<DkimCase> cases = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String text = Files.readString(vectors.resolve(String.format("stalwart-mail-auth/%03d.txt", i)));
            int blank = text.indexOf("\n\n");
            addDkimCases(cases, "stalwart-" + i, lineZone(text.substring(0, blank)), text.substring(blank + 2),
                STALWART_TIME);
        }
        addDkimCases(cases, "rfc8463", lineZone(Files.readString(vectors.resolve("rfc8463-appendix-a/dns.txt"))),
            Files.readString(vectors.resolve("rfc8463-appendix-a/message-signed.eml")), RFC8463_TIME);
        ObjectNode zone = JSON.createObjectNode();
        JsonNode mailauth = JSON.readTree(vectors.resolve("mailauth/dkim__ec__fixtures__dns.json").toFile());
        mailauth.fields().forEachRemaining(name -> name.getValue().path("TXT").forEach(record ->
            zone.withArray(name.getKey()).addObject().set("TXT", record)));
        addDkimCases(cases, "mailauth-ec", zone, Files.readString(vectors.resolve("mailauth/dkim__ec__fixtures__signed.eml")),
            RFC8463_TIME);
        return cases;
    }

    /** The message as published, and with a line added to its body, which no signature may survive. */
    private void addDkimCases(List<DkimCase> cases, String name, ObjectNode zone, String message, long now)
        throws IOException {
        Path zoneFile = tmp.resolve("dkim-" + name + ".json");
        JSON.writeValue(zoneFile.toFile(), zone);
        String newline = message.contains("\r\n") ? "\r\n" : "\n";
        cases.add(new DkimCase("dkim/" + name, zoneFile, Files.writeString(tmp.resolve(name + ".eml"), message), now));
        cases.add(new DkimCase("dkim/" + name + "-body-altered", zoneFile,
            Files.writeString(tmp.resolve(name + "-altered.eml"), message + "altered" + newline), now));
    }

    /** "NAME VALUE" lines as our JSON zone. */
    private static ObjectNode lineZone(String lines) {
        ObjectNode zone = JSON.createObjectNode();
        lines.lines().filter(line -> !line.isBlank()).forEach(line -> {
            int space = line.indexOf(' ');
            zone.withArray(line.substring(0, space)).addObject().put("TXT", line.substring(space + 1).strip());
        });
        return zone;
    }

    /** Per signature, top to bottom, the result alone: "pass,fail". */
    private static String ourDkim(DkimCase dkimCase) {
        Cli.Result result = Cli.run("dkim-verify", "--dns", dkimCase.zone().toString(), "--now",
            Long.toString(dkimCase.now()), dkimCase.message().toString());
        return String.join(",", result.out().lines().filter(line -> line.startsWith("dkim="))
            .map(line -> line.substring("dkim=".length()).split(" ")[0]).toList());
    }

    private String mailauthDkim(DkimCase dkimCase) throws Exception {
        Oracles.Result result = Oracles.run("mailauth_oracle.py", "--dns", dkimDnsLines(dkimCase).toString(),
            dkimCase.message().toString());
        List<String> results = new ArrayList<>();
        Matcher signature = MAILAUTH_DKIM.matcher(result.output());
        while (signature.find()) {
            results.add(signature.group(1));
        }
        return results.isEmpty() ? "error: " + result.output().strip() : String.join(",", results);
    }

    /** The case's zone as the oracles' "NAME VALUE" lines. */
    private Path dkimDnsLines(DkimCase dkimCase) throws IOException {
        Path dns = tmp.resolve(dkimCase.zone().getFileName() + ".txt");
        if (!Files.exists(dns)) {
            StringBuilder lines = new StringBuilder();
            JSON.readTree(dkimCase.zone().toFile()).fields().forEachRemaining(name -> name.getValue().forEach(record ->
                lines.append(name.getKey()).append(' ').append(text(record.get("TXT"))).append('\n')));
            Files.writeString(dns, lines);
        }
        return dns;
    }

    private String dkimpy(DkimCase dkimCase) throws Exception {
        Oracles.Result result = Oracles.run("dkimpy_oracle.py", "verify", "--dns", dkimDnsLines(dkimCase).toString(), "--now",
            Long.toString(dkimCase.now()), "--json", dkimCase.message().toString());
        try {
            List<String> results = new ArrayList<>();
            JSON.readTree(result.output().substring(result.output().indexOf('{'))).path("signatures")
                .forEach(signature -> results.add(signature.path("result").asText()));
            return String.join(",", results);
        } catch (IOException | StringIndexOutOfBoundsException e) {
            return "error: " + result.output().strip();
        }
    }

    private static String text(JsonNode txt) {
        if (txt.isTextual()) {
            return txt.asText();
        }
        StringBuilder text = new StringBuilder();
        txt.forEach(chunk -> text.append(chunk.asText()));
        return text.toString();
    }

    private static void requireOracles() {
        boolean present = Oracles.directory().isPresent() && Files.isExecutable(Path.of("/usr/bin/python3"))
            && Files.isExecutable(Path.of("/usr/bin/perl"));
        if (System.getenv("CI") != null) {
            assertThat(present).as("shared/oracles and their interpreters on CI").isTrue();
        }
        Assumptions.assumeTrue(present, "shared/oracles not found");
    }

    private static String ourSpf(SpfCase spfCase) throws IOException {
        Path zone = Files.createTempFile("agreement", ".json");
        try {
            JSON.writeValue(zone.toFile(), spfCase.zone());
            Cli.Result result = Cli.run("spf", "--dns", zone.toString(), "--ip", spfCase.ip(),
                "--mail-from", spfCase.mailFrom(), "--helo", spfCase.helo());
            return result.exitCode() == 0 ? result.out().lines().findFirst().orElseThrow().replace("result=", "")
                : "error: " + result.err().strip();
        } finally {
            Files.delete(zone);
        }
    }

    /** pyspf in one process for every case (resources/agreement/pyspf_zone_check.py). */
    private Map<String, String> pyspf(List<SpfCase> cases) throws Exception {
        StringBuilder input = new StringBuilder();
        for (SpfCase spfCase : cases) {
            ObjectNode line = JSON.createObjectNode();
            line.set("zone", spfCase.zone());
            line.put("ip", spfCase.ip()).put("mailfrom", spfCase.mailFrom()).put("helo", spfCase.helo());
            input.append(JSON.writeValueAsString(line)).append('\n');
        }
        Path script = Path.of(Cli.resource("agreement/pyspf_zone_check.py"));
        Process process = new ProcessBuilder("/usr/bin/python3", script.toString()).redirectErrorStream(true).start();
        process.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        List<String> results = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
            .toList();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(results).as("pyspf output").hasSize(cases.size());
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            answers.put(cases.get(i).name(), results.get(i));
        }
        return answers;
    }

    private Optional<String> mailSpf(SpfCase spfCase) throws Exception {
        Path zone = Files.writeString(tmp.resolve(fileName(spfCase) + ".json"), JSON.writeValueAsString(spfCase.zone()));
        Oracles.Result result = Oracles.run("mailspf_zone_check.pl", zone.toString(), spfCase.ip(),
            spfCase.mailFrom(), spfCase.helo());
        return Optional.of(result.output().lines().filter(line -> line.startsWith("result=")).findFirst()
            .map(line -> line.substring("result=".length())).orElse("error: " + result.output().strip()));
    }

    /** mailauth's DNS file can express neither timeouts nor CNAMEs: such cases are not asked. */
    private Optional<String> mailauth(SpfCase spfCase) throws Exception {
        Optional<Path> zone = MailauthZone.write(spfCase.zone(), tmp.resolve(fileName(spfCase) + ".mailauth.json"));
        if (zone.isEmpty()) {
            return Optional.empty();
        }
        Path message = tmp.resolve("message.eml");
        if (!Files.exists(message)) {
            Files.writeString(message, "From: <probe@example.com>\r\n\r\nprobe\r\n");
        }
        List<String> args = new ArrayList<>(List.of("--dns", zone.get().toString(), "--ip", spfCase.ip(),
            "--helo", spfCase.helo()));
        if (!spfCase.mailFrom().isEmpty()) {
            args.addAll(List.of("--sender", spfCase.mailFrom()));
        }
        args.add(message.toString());
        Oracles.Result result = Oracles.run("mailauth_oracle.py", args.toArray(String[]::new));
        Matcher spf = MAILAUTH_SPF.matcher(result.output());
        return Optional.of(spf.find() ? spf.group(1) : "error: " + result.output().strip());
    }

    private interface Oracle {
        Optional<String> answer(SpfCase spfCase) throws Exception;
    }

    private static Map<String, String> inParallel(ExecutorService pool, List<SpfCase> cases, Oracle oracle)
        throws Exception {
        Map<String, Future<Optional<String>>> futures = new LinkedHashMap<>();
        for (SpfCase spfCase : cases) {
            futures.put(spfCase.name(), pool.submit(() -> oracle.answer(spfCase)));
        }
        Map<String, String> answers = new LinkedHashMap<>();
        for (Map.Entry<String, Future<Optional<String>>> future : futures.entrySet()) {
            future.getValue().get().ifPresent(answer -> answers.put(future.getKey(), answer));
        }
        return answers;
    }

    private static String fileName(SpfCase spfCase) {
        return spfCase.name().replace('/', '_');
    }

    /** resources/agreement/known-differences.tsv: case, implementation, reason; # starts a comment. */
    private static Map<String, String> knownDifferences() throws IOException {
        Map<String, String> known = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(Cli.resource("agreement/known-differences.tsv")))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            assertThat(fields).as("case, implementation and reason in: " + line).hasSize(3);
            assertThat(fields[2].strip()).as("reason in: " + line).isNotEmpty();
            assertThat(known.put(fields[0] + "\t" + fields[1], fields[2])).as("listed twice: " + line).isNull();
        }
        return known;
    }

    private static List<SpfCase> corpus() throws IOException {
        List<SpfCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(SPF_RESOURCES.resolve("corpus"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode node : JSON.readTree(file.toFile()).get("cases")) {
                    cases.add(new SpfCase("corpus/" + node.get("name").asText(), node.get("zone"),
                        node.get("ip").asText(), node.get("mailfrom").asText(), node.get("helo").asText()));
                }
            }
        }
        return cases;
    }

    private static List<SpfCase> suite(String file, String prefix) throws IOException {
        List<SpfCase> cases = new ArrayList<>();
        try (InputStream in = Files.newInputStream(SPF_RESOURCES.resolve(file));
             MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(in)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                for (Iterator<Map.Entry<String, JsonNode>> tests = document.get("tests").fields(); tests.hasNext(); ) {
                    Map.Entry<String, JsonNode> test = tests.next();
                    JsonNode t = test.getValue();
                    cases.add(new SpfCase(prefix + test.getKey(), document.get("zonedata"), t.get("host").asText(),
                        t.get("mailfrom").asText(), t.get("helo").asText()));
                }
            }
        }
        return cases;
    }
}
