package org.postwarden.deliverability;

import java.util.List;
import java.util.Objects;
import org.postwarden.dkim.DkimException;
import org.postwarden.dkim.DkimKeyRecord;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;

/**
 * DKIM without the private keys at hand: each named selector publishes exactly one usable key record
 * (RFC 6376 §3.6.1). Whether it carries the signing key is not known here; {@link DkimCheck} tells that.
 */
public final class DkimSelectorCheck implements Check {
    private final DnsResolver resolver;
    private final List<String> selectors;

    public DkimSelectorCheck(DnsResolver resolver, List<String> selectors) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.selectors = List.copyOf(selectors);
    }

    @Override
    public List<Finding> examine(Target target) {
        if (selectors.isEmpty()) {
            return List.of(Finding.warn(DkimCheck.NAME, "no DKIM selector given: key records not checked"));
        }
        return selectors.stream().map(selector -> finding(selector + "._domainkey." + target.domain(), selector)).toList();
    }

    private Finding finding(String name, String selector) {
        DnsAnswer answer = resolver.lookup(name, RecordType.TXT);
        String subject = "selector " + selector + ": ";
        if (answer.status() == DnsAnswer.Status.TEMPFAIL) {
            return Finding.temporaryDnsFailure(DkimCheck.NAME, RecordType.TXT, name, answer.reason());
        }
        if (answer.texts().isEmpty()) {
            return Finding.fail(DkimCheck.NAME, subject + "no TXT record at " + name + ": signatures cannot be verified");
        }
        if (answer.texts().size() > 1) {
            // RFC 6376 §3.6.2.2: verifiers may pick any one of several records.
            return Finding.fail(DkimCheck.NAME, subject + answer.texts().size() + " TXT records at " + name
                + ": verifiers may pick any one; publish only the key record");
        }
        try {
            DkimKeyRecord record = DkimKeyRecord.parse(answer.texts().get(0));
            if (record.revoked()) {
                return Finding.fail(DkimCheck.NAME, subject + "the key record at " + name + " revokes the key (empty p=)");
            }
            return Finding.pass(DkimCheck.NAME, subject + "a " + record.key().orElseThrow().bits() + "-bit "
                + record.keyType().tagValue() + " key record is published");
        } catch (DkimException e) {
            return Finding.fail(DkimCheck.NAME, subject + "the record at " + name + " is not a DKIM key record: " + e.getMessage());
        }
    }
}
