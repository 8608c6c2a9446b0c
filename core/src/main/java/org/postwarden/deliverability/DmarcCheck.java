package org.postwarden.deliverability;

import java.util.List;
import java.util.Objects;
import org.postwarden.dmarc.DmarcPolicy;
import org.postwarden.dmarc.DmarcPolicyDiscovery;
import org.postwarden.dmarc.DmarcRecord;
import org.postwarden.dns.DnsResolver;

/**
 * DMARC (RFC 7489): a usable record applies to the domain, found at {@code _dmarc.<domain>} or at its
 * Organizational Domain; a policy other than p=none and aggregate reports (rua=) are expected.
 */
public final class DmarcCheck implements Check {
    static final String NAME = "dmarc";

    private final DmarcPolicyDiscovery discovery;

    public DmarcCheck(DnsResolver resolver) {
        this.discovery = new DmarcPolicyDiscovery(Objects.requireNonNull(resolver, "resolver"));
    }

    @Override
    public List<Finding> examine(Target target) {
        return List.of(finding(target.domain()));
    }

    private Finding finding(String domain) {
        DmarcPolicyDiscovery.Discovery found = discovery.discover(domain);
        // Reports go to the record's own domain: another domain would have to authorize them (RFC 7489 §7.1).
        String policyDomain = found.policyDomain().orElse(domain);
        String reportAddress = "mailto:dmarc-reports@" + policyDomain;
        SuggestedRecord recommended = SuggestedRecord.txt("_dmarc." + policyDomain, "v=DMARC1; p=quarantine; rua=" + reportAddress);
        switch (found.outcome()) {
            case TEMPERROR:
                return Finding.warn(NAME, "temporary DNS failure: " + found.reason() + "; check again later");
            case NONE:
                return Finding.fail(NAME, found.reason() + ": receivers apply no policy to mail forging " + domain)
                    .publishing(recommended);
            default:
                break;
        }
        DmarcRecord record = found.record().orElseThrow();
        DmarcPolicy policy = record.policyFor(found.subdomain());
        String where = "DMARC " + found.reason() + " (p=" + policy.keyword() + ")";
        if (policy == DmarcPolicy.NONE) {
            return Finding.warn(NAME, where + ": p=none only monitors; move to quarantine once reports show legitimate mail passes")
                .publishing(recommended);
        }
        if (record.aggregateReports().isEmpty()) {
            return Finding.warn(NAME, where + ", but no rua=: you get no aggregate reports of who sends as " + domain)
                .publishing(SuggestedRecord.txt("_dmarc." + policyDomain, "v=DMARC1; p=" + policy.keyword() + "; rua=" + reportAddress));
        }
        return Finding.pass(NAME, where + ", aggregate reports to " + record.aggregateReports().get(0));
    }
}
