package org.postwarden.dmarc.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.postwarden.dkim.DkimResult;
import org.postwarden.dmarc.DmarcPolicy;
import org.postwarden.dmarc.DmarcRecord;
import org.postwarden.dmarc.DmarcResult;
import org.postwarden.dmarc.report.DmarcEvaluation.DkimAuth;
import org.postwarden.dmarc.report.DmarcEvaluation.PolicyEvaluated;
import org.postwarden.dmarc.report.DmarcEvaluation.PolicyOverride;
import org.postwarden.dmarc.report.DmarcEvaluation.PublishedPolicy;
import org.postwarden.dmarc.report.DmarcEvaluation.ReportUri;
import org.postwarden.dmarc.report.DmarcEvaluation.SpfAuth;
import org.postwarden.inbound.InboundVerdict;
import org.postwarden.spf.SpfIdentity;

/** What of an inbound verdict goes into aggregate reports. */
public final class DmarcEvaluations {
    private DmarcEvaluations() {
    }

    /**
     * The evaluation to report, empty when there is nothing to report: no DMARC record applied, the record asks for
     * no aggregate reports, or the message was refused with a temporary failure (it comes back and is counted then).
     */
    public static Optional<DmarcEvaluation> of(InboundVerdict verdict, Instant receivedAt) {
        DmarcResult dmarc = verdict.dmarc();
        if (dmarc.record().isEmpty() || dmarc.policyDomain().isEmpty() || dmarc.headerFrom().isEmpty()
            || dmarc.record().get().aggregateReports().isEmpty()
            || verdict.disposition() == InboundVerdict.Disposition.TEMPFAIL) {
            return Optional.empty();
        }
        DmarcRecord record = dmarc.record().get();
        PublishedPolicy policy = new PublishedPolicy(dmarc.policyDomain().get(), record.dkimAlignment(),
            record.spfAlignment(), record.policy(), record.subdomainPolicy().orElse(record.policy()), record.percent(),
            String.join(":", record.failureOptions()));
        List<ReportUri> reportTo = record.aggregateReports().stream()
            .map(uri -> new ReportUri(uri.toString(), record.aggregateReportLimits().getOrDefault(uri, 0L)))
            .toList();
        List<DkimAuth> dkim = verdict.dkim().stream()
            .filter(result -> result.status() != DkimResult.Status.NONE && result.headerD().isPresent())
            .map(result -> new DkimAuth(result.headerD().get(), result.headerS().orElse(""), result.status().keyword()))
            .toList();
        SpfAuth spf = new SpfAuth(verdict.spf().domain(), verdict.spf().identity() == SpfIdentity.HELO ? "helo" : "mfrom",
            verdict.spf().status().keyword());
        return Optional.of(new DmarcEvaluation(receivedAt, verdict.spf().clientIp().getHostAddress(),
            dmarc.headerFrom().get(), verdict.spf().domain(), policy, reportTo, evaluated(verdict), dkim, spf));
    }

    private static PolicyEvaluated evaluated(InboundVerdict verdict) {
        DmarcResult dmarc = verdict.dmarc();
        DmarcPolicy applied = switch (verdict.disposition()) {
            case REJECT -> DmarcPolicy.REJECT;
            case QUARANTINE -> DmarcPolicy.QUARANTINE;
            case ACCEPT, TEMPFAIL -> DmarcPolicy.NONE;
        };
        List<PolicyOverride> reasons = new ArrayList<>();
        boolean failed = !dmarc.spfAligned() && !dmarc.dkimAligned();
        if (failed && dmarc.policy().isPresent() && dmarc.disposition() != dmarc.policy().get()) {
            reasons.add(PolicyOverride.SAMPLED_OUT);
        }
        if (verdict.arcOverride()) {
            reasons.add(PolicyOverride.TRUSTED_FORWARDER);
        } else if (failed && applied != dmarc.disposition()) {
            reasons.add(PolicyOverride.LOCAL_POLICY);
        }
        return new PolicyEvaluated(applied, dmarc.dkimAligned(), dmarc.spfAligned(), reasons);
    }
}
