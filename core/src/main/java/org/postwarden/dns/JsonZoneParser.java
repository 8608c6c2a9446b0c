package org.postwarden.dns;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads the zone fixture format:
 * <pre>
 * {"example.com": [{"A": "192.0.2.1"}, {"MX": [10, "mx.example.com"]}, {"TXT": ["part one ", "part two"]}],
 *  "192.0.2.1": [{"PTR": "mail.example.com"}],
 *  "slow.example": ["TIMEOUT"], "broken.example": ["SERVFAIL"]}
 * </pre>
 * Each array entry is one record; a TXT or SPF array is one record's character-strings, possibly none. This is the
 * openspf test suite's zonedata, read with the suite's meaning (pyspf's testspf.py): a name listing "TIMEOUT"
 * beside records answers the listed types and times out for every other; {@code "TXT": "NONE"} means no TXT
 * record, not even one served from SPF data; strings may hold any character, control characters included.
 */
final class JsonZoneParser {
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String ENTRY_SHAPE = "must be \"TIMEOUT\", \"SERVFAIL\" or an object holding one record";

    private JsonZoneParser() {
    }

    static StaticZone parse(String json) {
        JsonNode root = readTree(json);
        if (!root.isObject()) {
            throw new IllegalArgumentException("zone must be a JSON object");
        }
        StaticZone.Builder builder = StaticZone.builder();
        for (Iterator<Map.Entry<String, JsonNode>> names = root.fields(); names.hasNext(); ) {
            Map.Entry<String, JsonNode> name = names.next();
            addName(builder, name.getKey(), name.getValue());
        }
        return builder.build();
    }

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("zone is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void addName(StaticZone.Builder builder, String name, JsonNode entries) {
        if (!entries.isArray()) {
            throw new IllegalArgumentException(String.format("zone entry \"%s\": must be an array of records", name));
        }
        for (int i = 0; i < entries.size(); i++) {
            try {
                addEntry(builder, name, entries.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    String.format("zone entry \"%s\"[%d]: %s", name, i, e.getMessage()), e);
            }
        }
    }

    private static void addEntry(StaticZone.Builder builder, String name, JsonNode entry) {
        if (entry.isTextual()) {
            addFailure(builder, name, entry.asText());
            return;
        }
        if (!entry.isObject() || entry.size() != 1) {
            throw new IllegalArgumentException(ENTRY_SHAPE);
        }
        Map.Entry<String, JsonNode> record = entry.fields().next();
        String type = record.getKey();
        JsonNode value = record.getValue();
        switch (type) {
            case "A" -> builder.a(name, string(type, value));
            case "AAAA" -> builder.aaaa(name, string(type, value));
            case "MX" -> addMx(builder, name, value);
            case "TXT" -> {
                if (isNone(value)) {
                    builder.none(name, RecordType.TXT);
                } else {
                    builder.txt(name, strings(type, value));
                }
            }
            case "SPF" -> {
                if (!isNone(value)) {
                    builder.spf(name, strings(type, value));
                }
            }
            case "PTR" -> builder.ptr(name, string(type, value));
            case "CNAME" -> builder.cname(name, string(type, value));
            case "NS" -> builder.ns(name, string(type, value));
            default -> throw new IllegalArgumentException(String.format("unknown record type \"%s\"", type));
        }
    }

    /** The listed record types of the name still answer (the suite's meaning); with none listed, every type fails. */
    private static void addFailure(StaticZone.Builder builder, String name, String failure) {
        switch (failure) {
            case "TIMEOUT" -> builder.failOtherTypes(name, "timeout");
            case "SERVFAIL" -> builder.failOtherTypes(name, "SERVFAIL");
            default -> throw new IllegalArgumentException(ENTRY_SHAPE);
        }
    }

    private static void addMx(StaticZone.Builder builder, String name, JsonNode value) {
        if (!value.isArray() || value.size() != 2 || !value.get(0).canConvertToInt()
            || !value.get(0).isIntegralNumber() || !value.get(1).isTextual()) {
            throw new IllegalArgumentException("MX must be [preference, exchange]");
        }
        builder.mx(name, value.get(0).intValue(), value.get(1).asText());
    }

    private static String string(String type, JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(type + " must be a string");
        }
        return value.asText();
    }

    private static boolean isNone(JsonNode value) {
        return value.isTextual() && value.asText().equals("NONE");
    }

    private static String[] strings(String type, JsonNode value) {
        if (value.isTextual()) {
            return new String[] {value.asText()};
        }
        String shape = type + " must be a string or an array of strings";
        if (!value.isArray()) {
            throw new IllegalArgumentException(shape);
        }
        String[] strings = new String[value.size()];
        for (int i = 0; i < strings.length; i++) {
            if (!value.get(i).isTextual()) {
                throw new IllegalArgumentException(shape);
            }
            strings[i] = value.get(i).asText();
        }
        return strings;
    }
}
