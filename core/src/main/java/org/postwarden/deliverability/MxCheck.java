package org.postwarden.deliverability;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.MxRecord;
import org.postwarden.dns.RecordType;

/**
 * MX: the domain receives mail (bounces, replies, DMARC and TLS reports) at hosts that resolve. Providers reject
 * senders whose domain cannot receive.
 */
public final class MxCheck implements Check {
    static final String NAME = "mx";

    private final DnsResolver resolver;

    public MxCheck(DnsResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public List<Finding> examine(Target target) {
        return List.of(finding(target));
    }

    private Finding finding(Target target) {
        String domain = target.domain();
        DnsAnswer answer = resolver.lookup(domain, RecordType.MX);
        if (answer.status() == DnsAnswer.Status.TEMPFAIL) {
            return Finding.temporaryDnsFailure(NAME, RecordType.MX, domain, answer.reason());
        }
        SuggestedRecord suggested = new SuggestedRecord(domain, "MX", "10 " + target.helo().orElse("mail." + domain) + ".");
        List<MxRecord> records = answer.mxRecords();
        if (records.isEmpty()) {
            return Finding.fail(NAME, "no MX record for " + domain + ": it cannot receive bounces or replies")
                .publishing(suggested);
        }
        if (records.size() == 1 && records.get(0).exchange().isEmpty()) {
            return Finding.fail(NAME, domain + " publishes a null MX (RFC 7505): it accepts no mail, not even bounces")
                .publishing(suggested);
        }
        List<String> unresolved = new ArrayList<>();
        for (MxRecord record : records) {
            String host = record.exchange();
            DnsAnswer v4 = resolver.lookup(host, RecordType.A);
            DnsAnswer v6 = resolver.lookup(host, RecordType.AAAA);
            boolean found = v4.status() == DnsAnswer.Status.FOUND || v6.status() == DnsAnswer.Status.FOUND;
            if (!found && v4.status() == DnsAnswer.Status.TEMPFAIL) {
                return Finding.temporaryDnsFailure(NAME, RecordType.A, host, v4.reason());
            }
            if (!found && v6.status() == DnsAnswer.Status.TEMPFAIL) {
                return Finding.temporaryDnsFailure(NAME, RecordType.AAAA, host, v6.reason());
            }
            if (v4.addresses().isEmpty() && v6.addresses().isEmpty()) {
                unresolved.add(host);
            }
        }
        List<String> hosts = records.stream().map(MxRecord::exchange).toList();
        if (unresolved.size() == hosts.size()) {
            return Finding.fail(NAME, "no MX host of " + domain + " resolves to an address: " + String.join(", ", unresolved));
        }
        if (!unresolved.isEmpty()) {
            return Finding.warn(NAME, "MX hosts " + String.join(", ", hosts) + "; but " + String.join(", ", unresolved)
                + " does not resolve to an address");
        }
        return Finding.pass(NAME, "MX hosts " + String.join(", ", hosts) + " resolve");
    }
}
