package org.postwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.postwarden.dns.ReverseName;

/**
 * Our JSON zone format rewritten as mailauth's DNS cache ({@code {name: {"TXT": [["chunk"]], "A": [ip],
 * "MX": [{"exchange", "priority"}]}}}), which mailauth_oracle.py passes through. mailauth answers every
 * name or type missing from it as ENOTFOUND, and it can express neither a timeout nor a CNAME: zones with
 * those have no equivalent ({@link #convert} is empty).
 */
final class MailauthZone {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MailauthZone() {
    }

    static Optional<Path> write(JsonNode zone, Path file) throws IOException {
        Optional<ObjectNode> converted = convert(zone);
        if (converted.isPresent()) {
            JSON.writeValue(file.toFile(), converted.get());
            return Optional.of(file);
        }
        return Optional.empty();
    }

    static Optional<ObjectNode> convert(JsonNode zone) {
        ObjectNode cache = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> names = zone.fields(); names.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = names.next();
            ObjectNode types = cache.putObject(name(entry.getKey()));
            ArrayNode spf = JSON.createArrayNode();
            for (JsonNode record : entry.getValue()) {
                if (!record.isObject()) {
                    return Optional.empty();
                }
                Map.Entry<String, JsonNode> typed = record.fields().next();
                JsonNode value = typed.getValue();
                switch (typed.getKey()) {
                    case "TXT" -> array(types, "TXT").add(chunks(value));
                    case "SPF" -> spf.add(chunks(value));
                    case "A", "AAAA", "PTR" -> array(types, typed.getKey()).add(value.asText());
                    case "MX" -> array(types, "MX").addObject()
                        .put("priority", value.get(0).asInt()).put("exchange", value.get(1).asText());
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            if (!types.has("TXT") && !spf.isEmpty()) {
                // As StaticZone does: obsolete type 99 data is served as TXT for names without TXT.
                types.set("TXT", spf);
            }
        }
        return Optional.of(cache);
    }

    private static String name(String name) {
        if (InetAddresses.isInetAddress(name)) {
            return ReverseName.of(InetAddresses.forString(name));
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static ArrayNode array(ObjectNode types, String type) {
        return types.has(type) ? (ArrayNode) types.get(type) : types.putArray(type);
    }

    /** One TXT record's character-strings, at most 255 characters each as on the wire. */
    private static ArrayNode chunks(JsonNode value) {
        ArrayNode chunks = JSON.createArrayNode();
        if (value.isArray()) {
            value.forEach(chunks::add);
            return chunks;
        }
        String text = value.asText();
        for (int start = 0; start == 0 || start < text.length(); start += 255) {
            chunks.add(text.substring(start, Math.min(text.length(), start + 255)));
        }
        return chunks;
    }
}
