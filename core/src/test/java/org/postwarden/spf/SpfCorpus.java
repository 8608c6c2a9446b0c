package org.postwarden.spf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Postwarden's own SPF interoperability cases, {@code resources/spf/corpus/*.json}: each file holds
 * {@code {"description": ..., "cases": [...]}}, each case a zone in the shared JSON zone format, the
 * connection, the expected result and, for a fail, the expected exp= text. A case may also name
 * the different result Perl Mail::SPF gives ({@code mailspf}) and why ({@code mailspfNote}).
 */
record SpfCorpus(String file, String name, String spec, JsonNode zone, String ip, String mailFrom, String helo,
                 String result, Optional<String> explanation, Optional<String> mailSpfResult) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<SpfCorpus> cases() {
        try (Stream<Path> files = Files.list(directory())) {
            List<SpfCorpus> cases = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode node : JSON.readTree(file.toFile()).get("cases")) {
                    cases.add(of(file.getFileName().toString(), node));
                }
            }
            return cases.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SpfCorpus of(String file, JsonNode node) {
        return new SpfCorpus(file, node.get("name").asText(), node.get("spec").asText(), node.get("zone"),
            node.get("ip").asText(), node.get("mailfrom").asText(), node.get("helo").asText(),
            node.get("result").asText(), Optional.ofNullable(node.get("explanation")).map(JsonNode::asText),
            Optional.ofNullable(node.get("mailspf")).map(JsonNode::asText));
    }

    private static Path directory() {
        try {
            return Path.of(SpfCorpus.class.getResource("/spf/corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String zoneJson() {
        return zone.toString();
    }

    @Override
    public String toString() {
        return file + " " + name + " (RFC 7208 " + spec + ")";
    }
}
