package org.postwarden.dns;

import com.google.common.base.Preconditions;
import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ListMultimap;
import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fixed, in-memory DNS data: for tests, and for servers configured to run against fixed DNS.
 * Records every query it is asked, as {@code "TXT example.com"}. Safe for concurrent lookups.
 */
public final class StaticZone implements DnsResolver {
    private static final int MAX_CNAME_HOPS = 8;

    /** {@code tempfail} fails every type, or with {@code listedTypesAnswer} every type the node has no records of. */
    private record Node(Map<RecordType, List<DnsRecord>> records, Optional<String> tempfail, boolean listedTypesAnswer) {
    }

    private final Map<String, Node> nodes;
    private final Queue<String> queries = new ConcurrentLinkedQueue<>();

    private StaticZone(Map<String, Node> nodes) {
        this.nodes = nodes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parses the JSON fixture format; throws {@link IllegalArgumentException} naming the bad entry. */
    public static StaticZone fromJson(String json) {
        return JsonZoneParser.parse(json);
    }

    public static StaticZone load(Path path) throws IOException {
        return fromJson(Files.readString(path));
    }

    @Override
    public DnsAnswer lookup(String name, RecordType type) {
        String current = DnsNames.normalize(name);
        queries.add(type + " " + current);
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            Node node = nodes.get(current);
            if (node == null) {
                return DnsAnswer.nxdomain();
            }
            List<DnsRecord> records = node.records().getOrDefault(type, List.of());
            if (node.tempfail().isPresent() && (records.isEmpty() || !node.listedTypesAnswer())) {
                return DnsAnswer.tempfail(node.tempfail().get());
            }
            if (!records.isEmpty()) {
                return DnsAnswer.found(records);
            }
            List<DnsRecord> cname = node.records().getOrDefault(RecordType.CNAME, List.of());
            if (cname.isEmpty()) {
                return DnsAnswer.nodata();
            }
            current = ((NameRecord) cname.get(0)).target();
        }
        return DnsAnswer.tempfail("cname loop");
    }

    /** Queries asked so far, oldest first. */
    public List<String> queries() {
        return List.copyOf(queries);
    }

    /**
     * Collects zone data. Names may be IP literals, stored under their reverse name, so that
     * {@code ptr("192.0.2.1", "mail.example.com")} answers {@link DnsResolver#reverse}.
     */
    public static final class Builder {
        private final ListMultimap<String, DnsRecord> records = ArrayListMultimap.create();
        private final ListMultimap<String, DnsRecord> spf = ArrayListMultimap.create();
        private final Map<String, String> tempfails = new HashMap<>();
        private final Set<String> listedTypesAnswer = new HashSet<>();
        private final ListMultimap<String, RecordType> nones = ArrayListMultimap.create();

        private Builder() {
        }

        public Builder record(String name, DnsRecord record) {
            records.put(key(name), Objects.requireNonNull(record, "record"));
            return this;
        }

        public Builder a(String name, String ipv4) {
            return record(name, new AddressRecord(parseAddress(ipv4, Inet4Address.class, "A needs an IPv4")));
        }

        public Builder aaaa(String name, String ipv6) {
            return record(name, new AddressRecord(parseAddress(ipv6, Inet6Address.class, "AAAA needs an IPv6")));
        }

        public Builder mx(String name, int preference, String exchange) {
            return record(name, new MxRecord(preference, exchange));
        }

        /** One TXT record made of the given character-strings. */
        public Builder txt(String name, String... strings) {
            return record(name, text(strings));
        }

        /**
         * Type 99 SPF data is obsolete (RFC 7208 §3.1); it is served as TXT for names without TXT
         * records of their own.
         */
        public Builder spf(String name, String... strings) {
            spf.put(key(name), text(strings));
            return this;
        }

        public Builder ptr(String name, String target) {
            return record(name, new NameRecord(RecordType.PTR, target));
        }

        public Builder cname(String name, String target) {
            return record(name, new NameRecord(RecordType.CNAME, target));
        }

        public Builder ns(String name, String target) {
            return record(name, new NameRecord(RecordType.NS, target));
        }

        /**
         * The name exists without records of this type, even where SPF data would otherwise be served as TXT (the
         * openspf test suite's {@code "TXT": "NONE"}).
         */
        public Builder none(String name, RecordType type) {
            nones.put(key(name), type);
            return this;
        }

        /** Every query for the name fails with TEMPFAIL "timeout". */
        public Builder timeout(String name) {
            tempfails.put(key(name), "timeout");
            return this;
        }

        /** Every query for the name fails with TEMPFAIL "SERVFAIL". */
        public Builder servfail(String name) {
            tempfails.put(key(name), "SERVFAIL");
            return this;
        }

        /**
         * Queries for the types the name has records of answer; every other type fails with TEMPFAIL "timeout" or
         * "SERVFAIL" ({@code reason}): the openspf test suite's "TIMEOUT" beside records.
         */
        public Builder failOtherTypes(String name, String reason) {
            tempfails.put(key(name), reason);
            listedTypesAnswer.add(key(name));
            return this;
        }

        public StaticZone build() {
            Set<String> names = new HashSet<>(records.keySet());
            names.addAll(spf.keySet());
            names.addAll(tempfails.keySet());
            names.addAll(nones.keySet());
            ImmutableMap.Builder<String, Node> nodes = ImmutableMap.builder();
            for (String name : names) {
                nodes.put(name, new Node(recordsByType(name), Optional.ofNullable(tempfails.get(name)),
                    listedTypesAnswer.contains(name)));
            }
            return new StaticZone(nodes.build());
        }

        private Map<RecordType, List<DnsRecord>> recordsByType(String name) {
            Map<RecordType, List<DnsRecord>> byType = new EnumMap<>(RecordType.class);
            for (RecordType type : RecordType.values()) {
                List<DnsRecord> ofType = records.get(name).stream().filter(r -> r.type() == type).toList();
                if (!ofType.isEmpty()) {
                    byType.put(type, ofType);
                }
            }
            if (!byType.containsKey(RecordType.TXT) && !nones.containsEntry(name, RecordType.TXT)
                && spf.containsKey(name)) {
                byType.put(RecordType.TXT, List.copyOf(spf.get(name)));
            }
            return byType;
        }

        private static String key(String name) {
            if (InetAddresses.isInetAddress(name)) {
                return ReverseName.of(InetAddresses.forString(name));
            }
            return DnsNames.normalize(name);
        }

        /** No character-string at all is a record too, an empty one (the openspf test suite's {@code "SPF": []}). */
        private static TextRecord text(String... strings) {
            return new TextRecord(String.join("", strings));
        }

        private static InetAddress parseAddress(String ip, Class<? extends InetAddress> family, String expected) {
            Preconditions.checkArgument(InetAddresses.isInetAddress(ip)
                && family.isInstance(InetAddresses.forString(ip)), "%s address, got \"%s\"", expected, ip);
            return InetAddresses.forString(ip);
        }
    }
}
