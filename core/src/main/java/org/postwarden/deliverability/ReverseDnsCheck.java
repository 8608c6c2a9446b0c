package org.postwarden.deliverability;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.ForwardConfirmedDns;
import org.postwarden.dns.RecordType;
import org.postwarden.dns.ReverseName;

/**
 * Reverse DNS of the outbound address: a PTR name that resolves back to the address (forward-confirmed, FCrDNS),
 * ideally the HELO name. Big providers refuse mail from addresses without FCrDNS.
 */
public final class ReverseDnsCheck implements Check {
    static final String NAME = "reverse-dns";

    private final DnsResolver resolver;
    private final ForwardConfirmedDns forwardConfirmed;

    public ReverseDnsCheck(DnsResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.forwardConfirmed = new ForwardConfirmedDns(resolver);
    }

    @Override
    public List<Finding> examine(Target target) {
        return List.of(target.outboundIp()
            .map(ip -> finding(ip, target))
            .orElseGet(() -> Finding.warn(NAME, "no outbound IP given: reverse DNS not checked")));
    }

    private Finding finding(InetAddress ip, Target target) {
        String address = InetAddresses.toAddrString(ip);
        String reverseName = ReverseName.of(ip);
        DnsAnswer ptr = resolver.reverse(ip);
        if (ptr.status() == DnsAnswer.Status.TEMPFAIL) {
            return Finding.temporaryDnsFailure(NAME, RecordType.PTR, reverseName, ptr.reason());
        }
        String wanted = target.helo().orElse("mail." + target.domain());
        if (ptr.hostnames().isEmpty()) {
            return Finding.fail(NAME, "no PTR record for " + address
                    + ": ask whoever runs the address (your hosting provider) to set one")
                .publishing(new SuggestedRecord(reverseName, "PTR", wanted + "."));
        }
        Optional<String> confirmed = forwardConfirmed.hostname(ip);
        if (confirmed.isEmpty()) {
            String name = ptr.hostnames().get(0);
            RecordType forward = ip instanceof Inet4Address ? RecordType.A : RecordType.AAAA;
            DnsAnswer back = resolver.lookup(name, forward);
            if (back.status() == DnsAnswer.Status.TEMPFAIL) {
                return Finding.temporaryDnsFailure(NAME, forward, name, back.reason());
            }
            return Finding.fail(NAME, address + " has the PTR name " + name + ", which does not resolve back to it"
                    + " (not forward-confirmed)")
                .publishing(new SuggestedRecord(name, forward.name(), address));
        }
        String name = confirmed.get();
        if (target.helo().isEmpty()) {
            return Finding.pass(NAME, address + " has the forward-confirmed PTR name " + name + " (no HELO name given to compare)");
        }
        if (!name.equals(target.helo().get())) {
            return Finding.warn(NAME, address + " has the forward-confirmed PTR name " + name + ", but the HELO name is "
                + target.helo().get() + ": use " + name + " as HELO name, or change the PTR record")
                .publishing(new SuggestedRecord(reverseName, "PTR", target.helo().get() + "."));
        }
        return Finding.pass(NAME, address + " has the forward-confirmed PTR name " + name + ", the HELO name");
    }
}
