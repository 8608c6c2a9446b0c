package org.postwarden.webadmin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.apache.james.webadmin.WebAdminServer;
import org.apache.james.webadmin.WebAdminUtils;
import org.postwarden.common.BadInput;

import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Request bodies a route must refuse with a 4xx JSON error, never a 500: not JSON, the wrong JSON type, wrong field
 * types, nulls, huge numbers, deep nesting, megabyte strings. {@link #FIELDS} is filled in with a route's own field
 * names so that the body reaches its validation.
 */
public final class NastyBodies {
    public static final String FIELDS = "%FIELD%";
    private static final List<String> TEMPLATES = List.of(
        "", " ", "not json", "{", "}", "{\"" + FIELDS + "\":", "[]", "[{}]", "null", "42", "-1", "true", "\"a string\"",
        "{\"" + FIELDS + "\": null}", "{\"" + FIELDS + "\": 42}", "{\"" + FIELDS + "\": true}", "{\"" + FIELDS + "\": []}",
        "{\"" + FIELDS + "\": {}}", "{\"" + FIELDS + "\": 1e400}", "{\"" + FIELDS + "\": 99999999999999999999999999}",
        "{\"" + FIELDS + "\": -9223372036854775809}", "{\"" + FIELDS + "\": \"\"}", "{\"" + FIELDS + "\": \"\\u0000\"}",
        "{\"" + FIELDS + "\": \"" + "x".repeat(1024 * 1024) + "\"}", "{\"unknown\": 1}", "{\"" + FIELDS + "\": 1, \""
            + FIELDS + "\": 2}", "[".repeat(100_000) + "]".repeat(100_000), "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000),
        "{\"" + FIELDS + "\": \"\uD800\"}", "\uFEFF{}", "{'single': 'quotes'}", "{\"" + FIELDS + "\": NaN}");

    private NastyBodies() {
    }

    /** Every template once per field name. */
    public static List<String> forFields(String... fields) {
        return List.of(fields).stream()
            .flatMap(field -> TEMPLATES.stream().map(template -> template.replace(FIELDS, field)))
            .distinct()
            .toList();
    }

    /** Random text and random JSON-ish text, with the route's field names in it. */
    public static Function<Random, String> random(String... fields) {
        Function<Random, String> values = BadInput.oneOfGenerators(
            random -> "\"" + BadInput.anyStrings(40).apply(random) + "\"",
            random -> String.valueOf(random.nextInt()),
            BadInput.oneOf("null", "true", "[]", "{}", "1e999", "-0"),
            BadInput.anyStrings(10));
        Function<Random, Map<String, String>> objects = BadInput.maps(BadInput.oneOf(fields), values, fields.length);
        return BadInput.oneOfGenerators(
            random -> objects.apply(random).entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .reduce((a, b) -> a + ", " + b).map(body -> "{" + body + "}").orElse("{}"),
            BadInput.anyStrings(100));
    }

    public static RequestSpecification spec(WebAdminServer server) {
        return WebAdminUtils.buildRequestSpecification(server).build();
    }

    /** A status below 500, and for a 4xx James' JSON error with that status. */
    public static void assertRefusedCleanly(RequestSpecification spec, Method method, String path, String body) {
        Response response = given(spec).contentType(ContentType.JSON).body(body).request(method, path);

        int status = response.statusCode();
        assertThat(status).as("%s %s with %.200s", method, path, body).isLessThan(500);
        if (status >= 400) {
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.jsonPath().getInt("statusCode")).isEqualTo(status);
            assertThat(response.jsonPath().getString("message")).isNotBlank();
        }
    }
}
