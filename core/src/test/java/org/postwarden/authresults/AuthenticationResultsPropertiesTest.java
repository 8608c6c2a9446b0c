package org.postwarden.authresults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.postwarden.common.BadInput;

/**
 * We write Authentication-Results and only read their authserv-id: whatever text lands in a comment, a reason or
 * a property value, the field stays one field whose comments and quoted-strings are closed.
 */
class AuthenticationResultsPropertiesTest {
    @Property(tries = 2000)
    void arbitraryTextShouldStayInsideItsCommentOrQuotedString(@ForAll("text") String comment, @ForAll("text") String reason,
                                                               @ForAll("text") String value) {
        ResultInfo info = ResultInfo.of("dkim", "fail").withComment(comment).withReason(reason)
            .property("header.d", value).property("header.b", "abc");
        String field = new AuthenticationResults("mx.example.org", List.of(info, ResultInfo.of("spf", "pass")))
            .headerField();

        assertThat(field.replace("\r\n\t", "")).doesNotContain("\r", "\n");
        String headerValue = field.substring(field.indexOf(':') + 1);
        assertThat(AuthservId.of(headerValue)).contains("mx.example.org");
        assertThat(closesEverything(headerValue)).isTrue();
        assertThat(field.replace("\r\n\t", " ")).endsWith("header.b=abc; spf=pass");
    }

    @Property(tries = 2000)
    void authservIdShouldReadAnyValue(@ForAll("headerValues") String headerValue) {
        AuthservId.of(headerValue).ifPresentOrElse(
            id -> assertThat(AuthservId.isOurs(headerValue, id)).isTrue(),
            () -> assertThat(AuthservId.isOurs(headerValue, "mx.example.org")).isFalse());
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

    @Provide
    Arbitrary<String> text() {
        return BadInput.near("good signature", "a (nested) comment", "say \"hi\"", "back\\slash", "line\r\nbreak",
            "example.com", "");
    }

    @Provide
    Arbitrary<String> headerValues() {
        return BadInput.near(" mx.example.org; spf=pass", " (comment (nested) \\) ) mx.example.org; none",
            " \"quoted id\"; dkim=pass", "\r\n\t mx.example.org ; arc=none");
    }
}
