package org.postwarden.spf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;
import org.postwarden.dns.StaticZone;
import org.postwarden.dns.TextRecord;

/**
 * The openspf test suite's "zonedata" as a {@link DnsResolver}, following its driver conventions
 * (pyspf's testspf.py): SPF-type data is served as TXT when a name has no TXT entry, "TXT: NONE"
 * means no TXT records, and "TIMEOUT" makes every query a name has no answer for time out.
 */
final class SuiteZone implements DnsResolver {
    private final StaticZone zone;
    private final Set<String> timeouts;

    private SuiteZone(StaticZone zone, Set<String> timeouts) {
        this.zone = zone;
        this.timeouts = timeouts;
    }

    static SuiteZone of(JsonNode zonedata) {
        StaticZone.Builder builder = StaticZone.builder();
        Set<String> timeouts = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> names = zonedata.fields(); names.hasNext(); ) {
            Map.Entry<String, JsonNode> name = names.next();
            addName(builder, timeouts, name.getKey(), name.getValue());
        }
        return new SuiteZone(builder.build(), timeouts);
    }

    @Override
    public DnsAnswer lookup(String name, RecordType type) {
        DnsAnswer answer = zone.lookup(name, type);
        if (answer.status() != DnsAnswer.Status.FOUND && timeouts.contains(normalize(name))) {
            return DnsAnswer.tempfail("timeout");
        }
        return answer;
    }

    private static void addName(StaticZone.Builder builder, Set<String> timeouts, String name, JsonNode entries) {
        boolean hasTxt = false;
        for (JsonNode entry : entries) {
            hasTxt |= entry.has("TXT");
        }
        for (JsonNode entry : entries) {
            if (entry.isTextual()) {
                timeouts.add(normalize(name));
                continue;
            }
            Map.Entry<String, JsonNode> record = entry.fields().next();
            JsonNode value = record.getValue();
            if (value.isTextual() && value.asText().equals("NONE")) {
                continue;
            }
            switch (record.getKey()) {
                case "A" -> builder.a(name, value.asText());
                case "AAAA" -> builder.aaaa(name, value.asText());
                case "MX" -> builder.mx(name, value.get(0).asInt(), value.get(1).asText());
                case "PTR" -> builder.ptr(name, value.asText());
                case "CNAME" -> builder.cname(name, value.asText());
                case "TXT" -> builder.record(name, text(value));
                case "SPF" -> {
                    if (!hasTxt) {
                        builder.record(name, text(value));
                    }
                }
                default -> throw new IllegalArgumentException("unknown record type " + record.getKey());
            }
        }
    }

    /** A string, or an array of character-strings (possibly none) joined as SPF reads them. */
    private static TextRecord text(JsonNode value) {
        if (!value.isArray()) {
            return new TextRecord(value.asText());
        }
        StringBuilder text = new StringBuilder();
        value.forEach(string -> text.append(string.asText()));
        return new TextRecord(text.toString());
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
