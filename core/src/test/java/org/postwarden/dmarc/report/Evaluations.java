package org.postwarden.dmarc.report;

import java.time.Instant;
import java.util.List;

import org.postwarden.dmarc.Alignment;
import org.postwarden.dmarc.DmarcPolicy;
import org.postwarden.dmarc.report.DmarcEvaluation.DkimAuth;
import org.postwarden.dmarc.report.DmarcEvaluation.PublishedPolicy;
import org.postwarden.dmarc.report.DmarcEvaluation.ReportUri;
import org.postwarden.dmarc.report.DmarcEvaluation.SpfAuth;

/** Evaluations for tests: p=reject sp=quarantine; a pass is DKIM- and SPF-aligned, a failure neither and rejected. */
public final class Evaluations {
    private Evaluations() {
    }

    public static DmarcEvaluation evaluation(Instant at, String policyDomain, String ip, boolean pass, List<ReportUri> rua) {
        return new DmarcEvaluation(at, ip, policyDomain, policyDomain,
            new PublishedPolicy(policyDomain, Alignment.Mode.RELAXED, Alignment.Mode.RELAXED, DmarcPolicy.REJECT,
                DmarcPolicy.QUARANTINE, 100, "0"),
            rua, new DmarcEvaluation.PolicyEvaluated(pass ? DmarcPolicy.NONE : DmarcPolicy.REJECT, pass, pass, List.of()),
            pass ? List.of(new DkimAuth(policyDomain, "sel", "pass")) : List.of(),
            new SpfAuth(policyDomain, "mfrom", pass ? "pass" : "fail"));
    }
}
