package org.postwarden.deliverability;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;
import org.postwarden.spf.SpfResult;
import org.postwarden.spf.SpfStatus;
import org.postwarden.spf.SpfVerifier;

/**
 * SPF (RFC 7208): exactly one record, which parses, stays within the DNS lookup limits (§4.6.4) and, given the
 * outbound address, authorizes it for {@code postmaster@domain}.
 */
public final class SpfCheck implements Check {
    static final String NAME = "spf";

    private final DnsResolver resolver;
    private final SpfVerifier verifier;

    public SpfCheck(DnsResolver resolver, SpfVerifier verifier) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public List<Finding> examine(Target target) {
        return List.of(finding(target));
    }

    private Finding finding(Target target) {
        String domain = target.domain();
        DnsAnswer answer = resolver.lookup(domain, RecordType.TXT);
        if (answer.status() == DnsAnswer.Status.TEMPFAIL) {
            return Finding.temporaryDnsFailure(NAME, RecordType.TXT, domain, answer.reason());
        }
        List<String> records = answer.texts().stream().filter(SpfTerms::isSpfRecord).toList();
        if (records.isEmpty()) {
            return Finding.fail(NAME, "no SPF record at " + domain + ": receivers cannot tell which servers may send its mail")
                .publishing(SuggestedRecord.txt(domain, minimalRecord(target)));
        }
        if (records.size() > 1) {
            // RFC 7208 §4.5: several records make every check a permerror.
            return Finding.fail(NAME, records.size() + " SPF records at " + domain
                    + " make every SPF check a permerror (RFC 7208 §4.5): publish one, merged")
                .publishing(SuggestedRecord.txt(domain, minimalRecord(target)));
        }
        String record = records.get(0);
        SpfTerms terms;
        try {
            terms = SpfTerms.parse(record);
        } catch (IllegalArgumentException e) {
            return Finding.fail(NAME, "the SPF record of " + domain + " does not parse (permerror): " + e.getMessage());
        }
        SpfLookupCount count = SpfLookupCount.of(resolver, domain, terms);
        if (count.temporaryFailure().isPresent()) {
            return Finding.warn(NAME, "temporary DNS failure looking up " + count.temporaryFailure().get()
                + " while counting the SPF record's lookups; check again later");
        }
        if (!count.problems().isEmpty()) {
            return Finding.fail(NAME, "the SPF record of " + domain + " is a permerror: " + String.join("; ", count.problems()));
        }
        if (count.lookups() > SpfLookupCount.MAX_LOOKUPS) {
            return Finding.fail(NAME, "the SPF record of " + domain + " needs " + count.lookups()
                + " DNS lookups, over the limit of 10 (RFC 7208 §4.6.4): replace include: and mx/a terms by ip4:/ip6: ranges");
        }
        if (count.voidLookups() > SpfLookupCount.MAX_VOID_LOOKUPS) {
            return Finding.fail(NAME, "the SPF record of " + domain + " has " + count.voidLookups()
                + " lookups that find nothing, over the limit of 2 (RFC 7208 §4.6.4): remove the terms naming absent hosts");
        }
        String cost = count.lookups() + " of 10 DNS lookups";
        if (target.outboundIp().isEmpty()) {
            return Finding.pass(NAME, "one SPF record, " + cost + " (no outbound IP given: authorization not checked)");
        }
        return authorization(target, target.outboundIp().get(), record, cost);
    }

    private Finding authorization(Target target, InetAddress ip, String record, String cost) {
        String address = InetAddresses.toAddrString(ip);
        SpfResult result = verifier.check(ip, "postmaster@" + target.domain(), "");
        if (result.status() == SpfStatus.PASS) {
            return Finding.pass(NAME, "one SPF record, " + cost + ", authorizing " + address);
        }
        String explanation = "SPF gives " + result.status().keyword() + " for " + address + " sending as "
            + target.domain() + result.problem().map(problem -> " (" + problem + ")").orElse("");
        if (result.status() == SpfStatus.TEMPERROR) {
            return Finding.warn(NAME, "temporary DNS failure: " + explanation + "; check again later");
        }
        // The mechanism goes first so that it matches before any "all".
        String fixed = "v=spf1 " + mechanism(ip) + record.substring("v=spf1".length());
        return Finding.fail(NAME, explanation + ": add " + mechanism(ip) + ", or the include: of the provider sending for you")
            .publishing(SuggestedRecord.txt(target.domain(), fixed));
    }

    private static String minimalRecord(Target target) {
        return target.outboundIp().map(ip -> "v=spf1 " + mechanism(ip) + " -all").orElse("v=spf1 mx -all");
    }

    private static String mechanism(InetAddress ip) {
        return (ip instanceof Inet4Address ? "ip4:" : "ip6:") + InetAddresses.toAddrString(ip);
    }
}
