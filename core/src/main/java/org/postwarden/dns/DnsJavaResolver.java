package org.postwarden.dns;

import com.google.common.base.Preconditions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;

/** Queries real DNS servers through dnsjava, with its own cache. */
public final class DnsJavaResolver implements DnsResolver {
    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    private DnsJavaResolver(Resolver resolver) {
        this.resolver = resolver;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public DnsAnswer lookup(String name, RecordType type) {
        Objects.requireNonNull(type, "type");
        Name query;
        try {
            query = Name.fromString(DnsNames.normalize(name) + ".");
        } catch (TextParseException e) {
            // Names come from mail (HELO, MAIL FROM, headers): one DNS cannot hold does not exist.
            return DnsAnswer.nxdomain();
        }
        Lookup lookup = new Lookup(query, DnsJavaRecords.type(type));
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        // Authentication and delivery decisions must rest on DNS alone, not on /etc/hosts.
        lookup.setHostsFileParser(null);
        lookup.run();
        return answer(lookup, type);
    }

    private static DnsAnswer answer(Lookup lookup, RecordType type) {
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> found(DnsJavaRecords.convert(lookup.getAnswers(), type));
            case Lookup.HOST_NOT_FOUND -> DnsAnswer.nxdomain();
            case Lookup.TYPE_NOT_FOUND -> DnsAnswer.nodata();
            case Lookup.TRY_AGAIN -> DnsAnswer.tempfail(tryAgainReason(lookup.getErrorString()));
            default -> DnsAnswer.tempfail("CNAME loop".equals(lookup.getErrorString()) ? "cname loop" : "SERVFAIL");
        };
    }

    private static DnsAnswer found(List<DnsRecord> records) {
        return records.isEmpty() ? DnsAnswer.nodata() : DnsAnswer.found(records);
    }

    /** dnsjava reports "timed out", "network error" or the RCODE name (SERVFAIL, REFUSED...). */
    private static String tryAgainReason(String error) {
        return "timed out".equals(error) ? "timeout" : error;
    }

    public static final class Builder {
        private List<InetSocketAddress> servers = List.of();
        private Duration timeout = Duration.ofSeconds(5);
        private int retries = 1;

        private Builder() {
        }

        /** Servers to ask, in order; none means the system's resolvers. */
        public Builder servers(List<InetSocketAddress> servers) {
            this.servers = List.copyOf(servers);
            return this;
        }

        /** How long to wait for each answer. */
        public Builder timeout(Duration timeout) {
            Preconditions.checkArgument(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
            this.timeout = timeout;
            return this;
        }

        /** How many more times to ask each server after a timeout. */
        public Builder retries(int retries) {
            Preconditions.checkArgument(retries >= 0, "retries must not be negative");
            this.retries = retries;
            return this;
        }

        public DnsJavaResolver build() {
            List<InetSocketAddress> addresses = servers.isEmpty()
                ? ResolverConfig.getCurrentConfig().servers()
                : servers;
            List<Resolver> resolvers = addresses.stream().map(this::simpleResolver).toList();
            ExtendedResolver resolver = new ExtendedResolver(resolvers);
            int attempts = retries + 1;
            resolver.setRetries(attempts);
            // dnsjava notices an expired query only about once a second; an overall deadline without
            // that slack would turn plain timeouts into "network error".
            resolver.setTimeout(timeout.plusSeconds(1).multipliedBy((long) attempts * resolvers.size()));
            return new DnsJavaResolver(resolver);
        }

        private Resolver simpleResolver(InetSocketAddress address) {
            SimpleResolver resolver = new SimpleResolver(address);
            resolver.setTimeout(timeout);
            return resolver;
        }
    }
}
