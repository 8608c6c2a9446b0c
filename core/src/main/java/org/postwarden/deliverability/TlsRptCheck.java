package org.postwarden.deliverability;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;

/**
 * TLS-RPT (RFC 8460 §3): a {@code v=TLSRPTv1; rua=...} record at {@code _smtp._tls.<domain>} asks senders for
 * reports of failed TLS connections, mailto: or https: URIs.
 */
public final class TlsRptCheck implements Check {
    static final String NAME = "tls-rpt";
    private static final Pattern CANDIDATE = Pattern.compile("^v=TLSRPTv1(;.*)?$", Pattern.DOTALL);
    private static final Pattern RUA = Pattern.compile(";\\s*rua=\\s*(mailto:|https:)[^;]+(;|$)");

    private final DnsResolver resolver;

    public TlsRptCheck(DnsResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public List<Finding> examine(Target target) {
        String name = "_smtp._tls." + target.domain();
        DnsAnswer answer = resolver.lookup(name, RecordType.TXT);
        if (answer.status() == DnsAnswer.Status.TEMPFAIL) {
            return List.of(Finding.temporaryDnsFailure(NAME, RecordType.TXT, name, answer.reason()));
        }
        SuggestedRecord suggested = SuggestedRecord.txt(name, "v=TLSRPTv1; rua=mailto:tls-reports@" + target.domain());
        List<String> records = answer.texts().stream().filter(text -> CANDIDATE.matcher(text).matches()).toList();
        if (records.isEmpty()) {
            return List.of(Finding.warn(NAME, "no TLS-RPT record at " + name + ": you get no reports of failed TLS deliveries")
                .publishing(suggested));
        }
        if (records.size() > 1) {
            return List.of(Finding.fail(NAME, records.size() + " TLS-RPT records at " + name
                + ": senders ignore them all (RFC 8460 §3)").publishing(suggested));
        }
        if (!RUA.matcher(records.get(0)).find()) {
            return List.of(Finding.fail(NAME, "the TLS-RPT record \"" + records.get(0) + "\" at " + name
                + " needs rua= with a mailto: or https: URI (RFC 8460 §3)").publishing(suggested));
        }
        return List.of(Finding.pass(NAME, "TLS-RPT record at " + name));
    }
}
