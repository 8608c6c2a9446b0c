package org.postwarden.dmarc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.postwarden.dns.StaticZone;
import org.postwarden.spf.SpfStatus;

/** One case of {@code resources/dmarc/corpus.json}, evaluated by us and by authheaders. */
record DmarcCase(String name, String section, Map<String, String> records, List<String> from,
                 Optional<JsonNode> spf, Optional<JsonNode> dkim, String result, String policy,
                 Optional<String> disposition, Optional<JsonNode> oracle) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<DmarcCase> cases() {
        try (InputStream in = DmarcCase.class.getResourceAsStream("/dmarc/corpus.json")) {
            List<DmarcCase> cases = new ArrayList<>();
            for (JsonNode node : JSON.readTree(in).get("cases")) {
                List<String> from = new ArrayList<>();
                node.get("from").forEach(address -> from.add(address.asText()));
                cases.add(new DmarcCase(node.get("name").asText(), node.get("rfc7489").asText(),
                    JSON.convertValue(node.get("records"), JSON.getTypeFactory()
                        .constructMapType(Map.class, String.class, String.class)),
                    from, Optional.ofNullable(node.get("spf")), Optional.ofNullable(node.get("dkim")),
                    node.get("result").asText(), node.get("policy").asText(),
                    Optional.ofNullable(node.get("disposition")).map(JsonNode::asText),
                    Optional.ofNullable(node.get("oracle"))));
            }
            return cases.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DmarcResult evaluate() {
        StaticZone.Builder zone = StaticZone.builder();
        records.forEach(zone::txt);
        SpfOutcome spfOutcome = spf.map(s -> new SpfOutcome(SpfStatus.valueOf(s.get("status").asText().toUpperCase()),
            s.get("mailfrom").asText())).orElse(SpfOutcome.none());
        List<DkimOutcome> dkimOutcomes = dkim.map(d -> List.of(new DkimOutcome(
            DkimOutcome.Status.valueOf(d.get("status").asText().toUpperCase()), d.get("domain").asText())))
            .orElse(List.of());
        List<String> fromDomains = from.stream().map(address -> address.substring(address.indexOf('@') + 1)).toList();
        return new DmarcVerifier(zone.build()).evaluate(fromDomains, spfOutcome, dkimOutcomes, new Random(1));
    }

    /** Our result and requested policy in the oracle's "dmarc=R policy=P" form. */
    static String summary(DmarcResult result) {
        return "dmarc=" + result.status().keyword() + " policy=" + result.policy().map(DmarcPolicy::keyword).orElse("-");
    }

    @Override
    public String toString() {
        return name + " (RFC 7489 " + section + ")";
    }

}
