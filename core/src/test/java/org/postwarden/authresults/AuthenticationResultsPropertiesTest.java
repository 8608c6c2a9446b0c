package org.postwarden.authresults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.testing.Fuzz;

/**
 * We write Authentication-Results and only read their authserv-id: whatever text lands in a comment, a reason or
 * a property value, the field stays one field whose comments and quoted-strings are closed.
 */
class AuthenticationResultsPropertiesTest {
    private static final Function<Random, String> TEXT = BadInput.near("good signature", "a (nested) comment",
        "say \"hi\"", "back\\slash", "line\r\nbreak", "example.com", "");

    private record Texts(String comment, String reason, String value) {
    }

    @Test
    void arbitraryTextShouldStayInsideItsCommentOrQuotedString() {
        Fuzz.forAll("any text stays inside its comment or quoted-string", 2000,
            random -> new Texts(TEXT.apply(random), TEXT.apply(random), TEXT.apply(random)), texts -> {
                ResultInfo info = ResultInfo.of("dkim", "fail").withComment(texts.comment()).withReason(texts.reason())
                    .property("header.d", texts.value()).property("header.b", "abc");
                String field = new AuthenticationResults("mx.example.org", List.of(info, ResultInfo.of("spf", "pass")))
                    .headerField();

                assertThat(field.replace("\r\n\t", "")).doesNotContain("\r", "\n");
                String headerValue = field.substring(field.indexOf(':') + 1);
                assertThat(AuthservId.of(headerValue)).contains("mx.example.org");
                assertThat(closesEverything(headerValue)).isTrue();
                assertThat(field.replace("\r\n\t", " ")).endsWith("header.b=abc; spf=pass");
            });
    }

    @Test
    void authservIdShouldReadAnyValue() {
        Fuzz.forAll("authserv-id reads any value", 2000, BadInput.near(" mx.example.org; spf=pass",
            " (comment (nested) \\) ) mx.example.org; none", " \"quoted id\"; dkim=pass", "\r\n\t mx.example.org ; arc=none"),
            headerValue -> AuthservId.of(headerValue).ifPresentOrElse(
                id -> assertThat(AuthservId.isOurs(headerValue, id)).isTrue(),
                () -> assertThat(AuthservId.isOurs(headerValue, "mx.example.org")).isFalse()));
    }

    /** Comments nest and quoted-strings don't, a backslash quotes the next character in both (RFC 5322 §3.2). */
    private static boolean closesEverything(String text) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && (quoted || depth > 0)) {
                i++;
            } else if (c == '"' && depth == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                if (--depth < 0) {
                    return false;
                }
            }
        }
        return depth == 0 && !quoted;
    }
}
