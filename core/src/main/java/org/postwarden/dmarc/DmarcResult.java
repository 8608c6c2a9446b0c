package org.postwarden.dmarc;

import org.postwarden.authresults.ResultInfo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The DMARC verdict on a message.
 *
 * @param status the DMARC result
 * @param headerFrom the RFC5322.From domain evaluated; empty when the message has none usable
 * @param record the policy record that applied
 * @param policyDomain the domain the record was published at (the From or the Organizational Domain)
 * @param policy the requested policy for this From domain: p=, or sp= for a subdomain (RFC 7489 §6.3)
 * @param disposition what to do with the message: the policy for failing mail after pct= sampling
 *     (RFC 7489 §6.6.4), NONE otherwise
 * @param spfAligned whether an SPF pass was aligned with the From domain
 * @param dkimAligned whether a DKIM pass was aligned with the From domain
 * @param reasons how the verdict was reached, for logs and reports
 */
public record DmarcResult(DmarcStatus status, Optional<String> headerFrom, Optional<DmarcRecord> record,
                          Optional<String> policyDomain, Optional<DmarcPolicy> policy, DmarcPolicy disposition,
                          boolean spfAligned, boolean dkimAligned, List<String> reasons) {
    public DmarcResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(headerFrom, "headerFrom");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(policyDomain, "policyDomain");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(disposition, "disposition");
        reasons = List.copyOf(reasons);
    }

    static DmarcResult withoutPolicy(DmarcStatus status, Optional<String> headerFrom, String reason) {
        return new DmarcResult(status, headerFrom, Optional.empty(), Optional.empty(), Optional.empty(),
            DmarcPolicy.NONE, false, false, List.of(reason));
    }

    /**
     * The Authentication-Results resinfo (RFC 8601 §2.7.4 with RFC 7489 §11.2), e.g.
     * {@code dmarc=fail (p=reject dis=quarantine) header.from=example.com}.
     */
    public ResultInfo resinfo() {
        ResultInfo resinfo = ResultInfo.of("dmarc", status.keyword());
        if (policy.isPresent()) {
            resinfo = resinfo.withComment("p=" + policy.get().keyword() + " dis=" + disposition.keyword());
        }
        return headerFrom.isPresent() ? resinfo.property("header.from", headerFrom.get()) : resinfo;
    }
}
