package org.postwarden.webadmin;

import static org.postwarden.webadmin.HttpErrors.invalid;

import org.apache.james.webadmin.utils.JsonExtractException;
import org.apache.james.webadmin.utils.JsonExtractor;

/** Reads a request's JSON body; anything that is not the expected object, JSON {@code null} included, is a 400. */
public final class JsonBodies {
    private JsonBodies() {
    }

    /** @param expected the shape to name in the error, e.g. {@code {"reason": ...}} */
    public static <T> T parse(JsonExtractor<T> extractor, String body, String expected) {
        T parsed;
        try {
            parsed = extractor.parse(body);
        } catch (JsonExtractException e) {
            throw invalid("Expected " + expected + ": " + e.getMessage());
        }
        if (parsed == null) {
            throw invalid("Expected " + expected + ", got null");
        }
        return parsed;
    }
}
