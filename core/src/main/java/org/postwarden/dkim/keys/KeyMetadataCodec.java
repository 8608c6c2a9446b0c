package org.postwarden.dkim.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.postwarden.dkim.DkimAlgorithm;

/**
 * The {@code <selector>.json} file of {@link FileDkimKeyStore}: a key's metadata, never its key material.
 * <pre>
 * {"format": 1, "domain": "example.com", "selector": "pw20240501r", "algorithm": "rsa-sha256", "bits": 2048,
 *  "state": "ACTIVE", "created": "2024-05-01T10:00:00Z", "activated": "2024-05-02T08:00:00Z"}
 * </pre>
 * Reading needs only {@code state} and {@code created}: other members may be absent or null (files of
 * earlier versions), and unknown members are ignored (files of later versions). The file name, not its
 * {@code domain}/{@code selector} members, says which key it describes.
 */
final class KeyMetadataCodec {
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a metadata file holds; {@code algorithm} is empty when the file does not say. */
    record Metadata(KeyState state, Optional<DkimAlgorithm> algorithm, Instant created, Optional<Instant> activated,
                    Optional<Instant> retiring, Optional<Instant> retired) {
    }

    private KeyMetadataCodec() {
    }

    static byte[] write(DkimKey key) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.put("domain", key.domain());
        node.put("selector", key.selector());
        node.put("algorithm", key.algorithm().tagValue());
        node.put("bits", key.bits());
        node.put("state", key.state().name());
        node.put("created", key.created().toString());
        key.activated().ifPresent(at -> node.put("activated", at.toString()));
        key.retiring().ifPresent(at -> node.put("retiring", at.toString()));
        key.retired().ifPresent(at -> node.put("retired", at.toString()));
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise key metadata", e);
        }
    }

    /** Parses a metadata file; {@link IllegalArgumentException} says what is wrong with it. */
    static Metadata read(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String state = text(node, "state").orElseThrow(() -> new IllegalArgumentException("no \"state\""));
        KeyState keyState;
        try {
            keyState = KeyState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown state \"" + state + "\"", e);
        }
        Optional<DkimAlgorithm> algorithm = text(node, "algorithm").map(value -> DkimAlgorithm.fromTagValue(value)
            .orElseThrow(() -> new IllegalArgumentException("unknown algorithm \"" + value + "\"")));
        Instant created = instant(node, "created").orElseThrow(() -> new IllegalArgumentException("no \"created\""));
        return new Metadata(keyState, algorithm, created, instant(node, "activated"), instant(node, "retiring"),
            instant(node, "retired"));
    }

    private static Optional<String> text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + member + "\" is not a string");
        }
        return Optional.of(value.asText());
    }

    private static Optional<Instant> instant(JsonNode node, String member) {
        return text(node, member).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("\"" + member + "\" is not an ISO-8601 instant: " + value, e);
            }
        });
    }
}
