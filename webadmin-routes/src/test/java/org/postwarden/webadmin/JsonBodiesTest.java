package org.postwarden.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.james.webadmin.utils.JsonExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import spark.HaltException;

class JsonBodiesTest {
    private final JsonExtractor<Reason> extractor = new JsonExtractor<>(Reason.class);

    @Test
    void parseShouldReadTheExpectedObject() {
        assertThat(JsonBodies.parse(extractor, "{\"reason\": \"abuse\"}", "{\"reason\": ...}").reason()).isEqualTo("abuse");
    }

    /** Found by the *RoutesBadBodiesTest properties: a JSON null body reached the routes as null and gave a 500. */
    @ParameterizedTest
    @ValueSource(strings = {"null", " null ", "not json", "[]", "42"})
    void parseShouldRefuseAnythingElseWithA400(String body) {
        assertThatThrownBy(() -> JsonBodies.parse(extractor, body, "{\"reason\": ...}"))
            .isInstanceOfSatisfying(HaltException.class, halt -> {
                assertThat(halt.statusCode()).isEqualTo(400);
                assertThat(halt.body()).contains("Expected {\\\"reason\\\": ...}");
            });
    }

    record Reason(String reason) {
    }
}
