package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The openspf test suites (core/src/test/resources/spf/PROVENANCE.md) through {@code postwarden-auth spf}, as an
 * operator would run them: each scenario's zonedata is written out by plain JSON serialisation, with no entry
 * rewritten, and given to {@code --dns}. Every case of both suites must give its expected result; none is skipped.
 */
class SpfSuiteCliTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path zones;

    record SuiteCase(String suite, String name, JsonNode test, JsonNode zonedata) {
        @Override
        public String toString() {
            return suite + " " + name;
        }
    }

    static Stream<SuiteCase> rfc7208() throws IOException {
        return load("rfc7208-tests.yml").stream();
    }

    static Stream<SuiteCase> rfc4408() throws IOException {
        return load("rfc4408-tests.yml").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc7208")
    void rfc7208CaseShouldGiveTheExpectedResult(SuiteCase suiteCase) throws IOException {
        assertExpectedResult(suiteCase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc4408")
    void rfc4408CaseShouldGiveTheExpectedResult(SuiteCase suiteCase) throws IOException {
        assertExpectedResult(suiteCase);
    }

    @org.junit.jupiter.api.Test
    void suitesShouldHaveAllTheirCases() throws IOException {
        assertThat(load("rfc7208-tests.yml")).hasSize(203);
        assertThat(load("rfc4408-tests.yml")).hasSize(191);
    }

    private static void assertExpectedResult(SuiteCase suiteCase) throws IOException {
        Path zone = Files.createTempFile(zones, suiteCase.name(), ".json");
        JSON.writeValue(zone.toFile(), suiteCase.zonedata());
        JsonNode test = suiteCase.test();

        Cli.Result result = Cli.run("spf", "--dns", zone.toString(), "--ip", test.get("host").asText(),
            "--mail-from", test.get("mailfrom").asText(), "--helo", test.get("helo").asText());

        assertThat(result.err()).as("stderr").isEmpty();
        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        List<String> expected = new ArrayList<>();
        if (test.get("result").isTextual()) {
            expected.add(test.get("result").asText());
        } else {
            test.get("result").forEach(r -> expected.add(r.asText()));
        }
        assertThat(lines.get(0)).as(test.path("description").asText(suiteCase.name()))
            .isIn(expected.stream().map(r -> "result=" + r).toList());
        if (test.has("explanation") && lines.get(0).equals("result=fail")) {
            String explanation = test.get("explanation").asText();
            // DEFAULT: the receiver's own explanation, which postwarden-auth leaves out (RFC 7208 §6.2).
            assertThat(lines.subList(1, lines.size()))
                .isEqualTo(explanation.equals("DEFAULT") ? List.of() : List.of("exp=" + explanation));
        }
    }

    private static List<SuiteCase> load(String file) throws IOException {
        List<SuiteCase> cases = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Path.of("../core/src/test/resources/spf", file));
             MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(in)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                for (Iterator<Map.Entry<String, JsonNode>> tests = document.get("tests").fields(); tests.hasNext(); ) {
                    Map.Entry<String, JsonNode> test = tests.next();
                    cases.add(new SuiteCase(file.substring(0, 7), test.getKey(), test.getValue(),
                        document.get("zonedata")));
                }
            }
        }
        return cases;
    }
}
