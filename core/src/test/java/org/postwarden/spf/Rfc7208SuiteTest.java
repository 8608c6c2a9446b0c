package org.postwarden.spf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postwarden.dns.StaticZone;

/** Runs the openspf RFC 7208 test suite (see resources/spf/PROVENANCE.md) against {@link SpfVerifier}. */
class Rfc7208SuiteTest {
    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = Rfc7208SuiteTest.class.getResourceAsStream("/spf/rfc7208-tests.yml");
             MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(in)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                // The suite's zonedata as written, read by the same parser as an operator's zone file.
                StaticZone zone = StaticZone.fromJson(json.writeValueAsString(document.get("zonedata")));
                for (Iterator<Map.Entry<String, JsonNode>> tests = document.get("tests").fields(); tests.hasNext(); ) {
                    Map.Entry<String, JsonNode> test = tests.next();
                    cases.add(Arguments.of(test.getKey(), test.getValue(), zone));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void suiteCaseShouldGiveTheExpectedResult(String name, JsonNode test, StaticZone zone) {
        SpfResult result = new SpfVerifier(zone).check(InetAddresses.forString(test.get("host").asText()),
            test.get("mailfrom").asText(), test.get("helo").asText());

        List<String> expected = new ArrayList<>();
        test.get("result").forEach(r -> expected.add(r.asText()));
        if (test.get("result").isTextual()) {
            expected.add(test.get("result").asText());
        }
        assertThat(result.status().keyword()).as(test.path("description").asText(name)).isIn(expected);
        if (test.has("explanation") && result.status() == SpfStatus.FAIL) {
            String explanation = test.get("explanation").asText();
            // The drivers' default explanation: the record has no usable exp=.
            assertThat(result.explanation())
                .isEqualTo(explanation.equals("DEFAULT") ? Optional.empty() : Optional.of(explanation));
        }
    }
}
