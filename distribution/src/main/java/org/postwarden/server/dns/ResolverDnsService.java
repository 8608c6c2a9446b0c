package org.postwarden.server.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.dnsservice.api.TemporaryResolutionException;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.MxRecord;
import org.postwarden.dns.RecordType;

import com.google.common.net.InetAddresses;

/**
 * James' {@link DNSService} answered by Postwarden's {@link DnsResolver}, so that James' own lookups (MX for
 * delivery, reverse DNS, domain checks) see the same DNS as our checks, including a configured zone file.
 */
public class ResolverDnsService implements DNSService {

    private final DnsResolver resolver;

    @Inject
    public ResolverDnsService(DnsResolver resolver) {
        this.resolver = resolver;
    }

    /** RFC 5321 §5.1: MX hosts in preference order; without MX records the domain itself is the implicit MX. */
    @Override
    public Collection<String> findMXRecords(String hostname) throws TemporaryResolutionException {
        DnsAnswer answer = resolver.lookup(hostname, RecordType.MX);
        switch (answer.status()) {
            case FOUND:
                return answer.mxRecords().stream()
                    .map(MxRecord::exchange)
                    .filter(exchange -> !exchange.isEmpty())
                    .toList();
            case NODATA:
                return List.of(hostname);
            case TEMPFAIL:
                throw new TemporaryResolutionException("MX lookup of " + hostname + " failed: " + answer.reason());
            default:
                return List.of();
        }
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        return resolver.lookup(hostname, RecordType.TXT).texts();
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        String name = stripBrackets(host);
        if (InetAddresses.isInetAddress(name)) {
            return List.of(InetAddresses.forString(name));
        }
        if (name.equalsIgnoreCase("localhost")) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        List<InetAddress> addresses = new ArrayList<>(resolver.lookup(name, RecordType.A).addresses());
        addresses.addAll(resolver.lookup(name, RecordType.AAAA).addresses());
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        return getAllByName(host).iterator().next();
    }

    @Override
    public InetAddress getLocalHost() throws UnknownHostException {
        return InetAddress.getLocalHost();
    }

    @Override
    public String getHostName(InetAddress address) {
        return resolver.reverse(address).hostnames().stream()
            .findFirst()
            .orElse(address.getHostAddress());
    }

    private static String stripBrackets(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }
}
