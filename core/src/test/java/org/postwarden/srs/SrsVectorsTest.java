package org.postwarden.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postwarden.srs.SrsException.Reason;

/** The 36 vectors of srs/srs-vectors.json (see srs/README.md), both forward and reverse. */
class SrsVectorsTest {
    private static final JsonNode FILE = read();
    private static final String LOCAL_DOMAIN = FILE.get("local_domain").asText();
    private static final Srs SRS = Srs.builder(SrsSecrets.of(FILE.get("secret").asText()))
        .clock(Clock.fixed(Instant.ofEpochSecond(FILE.get("time").asLong()), ZoneOffset.UTC))
        .build();

    /** postsrsd's message for each refusal in the file, as our reason. */
    private static final Map<String, Reason> REASONS = Map.of(
        "Not an SRS address.", Reason.NOT_SRS,
        "Time stamp out of date.", Reason.EXPIRED,
        "Hash invalid in SRS address.", Reason.BAD_HASH,
        "No hash in SRS0 address.", Reason.MALFORMED,
        "No timestamp in SRS0 address.", Reason.MALFORMED,
        "No host in SRS0 address.", Reason.MALFORMED,
        "No user in SRS0 address.", Reason.MALFORMED,
        "No database for alias.", Reason.MALFORMED,
        "No domain.", Reason.MALFORMED,
        "Too big.", Reason.MALFORMED);
    private static final String LOCAL = "Need not rewrite local domain.";

    /** Where we write what Mail::SRS writes rather than postsrsd's base64url "expected" (README.md). */
    private static final Set<String> FORWARD_AS_MAIL_SRS = Set.of("hash234@somedomain.com");

    record Vector(int index, JsonNode json) {
        String op() {
            return json.get("op").asText();
        }

        String input() {
            return json.get("input").asText();
        }

        String expected() {
            return json.get("expected").asText();
        }

        boolean ok() {
            return json.get("expected_status").asText().equals("OK");
        }

        String postsrsdMessage() {
            return json.get("postsrsd_message").asText();
        }

        @Override
        public String toString() {
            String input = input().length() > 60 ? input().substring(0, 57) + "..." : input();
            return "#" + index + " " + op() + " " + input;
        }
    }

    private static JsonNode read() {
        try (InputStream in = SrsVectorsTest.class.getResourceAsStream("/srs/srs-vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Vector> vectors(String op) {
        JsonNode all = FILE.get("vectors");
        return IntStream.range(0, all.size()).mapToObj(i -> new Vector(i, all.get(i))).filter(v -> v.op().equals(op));
    }

    static Stream<Vector> forwardVectors() {
        return vectors("forward");
    }

    static Stream<Vector> reverseVectors() {
        return vectors("reverse");
    }

    @Test
    void fileShouldHoldThe36Vectors() {
        assertThat(forwardVectors().count() + reverseVectors().count()).isEqualTo(36);
        assertThat(LOCAL_DOMAIN).isEqualTo("example.com");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forwardVectors")
    void forwardShouldGiveTheExpectedAddressWhichReversesBack(Vector vector) throws SrsException {
        if (!vector.ok()) {
            forwardShouldRefuse(vector);
            return;
        }
        String expected = FORWARD_AS_MAIL_SRS.contains(vector.input()) ? vector.json().get("mail_srs").asText()
            : vector.expected();

        assertThat(Srs.needsRewrite(vector.input(), Set.of(LOCAL_DOMAIN))).isTrue();
        assertThat(SRS.forward(vector.input(), LOCAL_DOMAIN)).isEqualTo(expected);
        assertThat(SRS.reverse(expected)).isEqualTo(reverseOf(vector));
        assertThat(SRS.reverse(vector.expected())).isEqualTo(reverseOf(vector));
    }

    private static void forwardShouldRefuse(Vector vector) throws SrsException {
        if (vector.postsrsdMessage().equals(LOCAL)) {
            assertThat(Srs.needsRewrite(vector.input(), Set.of(LOCAL_DOMAIN))).isFalse();
            assertThat(SRS.forward(vector.input(), LOCAL_DOMAIN)).isEqualTo(vector.input());
            return;
        }
        Reason reason = REASONS.get(vector.postsrsdMessage());
        assertThat(reason).as("reason for %s", vector.postsrsdMessage()).isNotNull();
        assertThatThrownBy(() -> SRS.forward(vector.input(), LOCAL_DOMAIN))
            .isInstanceOfSatisfying(SrsException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        if (vector.postsrsdMessage().equals("No domain.")) {
            assertThat(Srs.needsRewrite(vector.input(), Set.of(LOCAL_DOMAIN))).isFalse();
        }
    }

    /**
     * Where a bounce to the forwarded address goes: Mail::SRS's reverse when the file gives it, else the reverse
     * vector of that address, else the sender itself.
     */
    private static String reverseOf(Vector forward) {
        if (forward.json().has("mail_srs_reverse_of_expected")) {
            return forward.json().get("mail_srs_reverse_of_expected").asText();
        }
        return reverseVectors().filter(v -> v.input().equals(forward.expected())).map(Vector::expected)
            .findFirst().orElse(forward.input());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reverseVectors")
    void reverseShouldGiveTheOriginalOrRefuseForPostsrsdsReason(Vector vector) throws SrsException {
        if (vector.ok()) {
            assertThat(SRS.reverse(vector.input())).isEqualTo(vector.expected());
            return;
        }
        Reason reason = REASONS.get(vector.postsrsdMessage());
        assertThat(reason).as("reason for %s", vector.postsrsdMessage()).isNotNull();
        assertThatThrownBy(() -> SRS.reverse(vector.input()))
            .isInstanceOfSatisfying(SrsException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
