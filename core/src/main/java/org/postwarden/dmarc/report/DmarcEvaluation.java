package org.postwarden.dmarc.report;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.postwarden.dmarc.Alignment;
import org.postwarden.dmarc.DmarcPolicy;

/**
 * One DMARC evaluation of an incoming message, kept until it is reported to the domain that asked for aggregate
 * reports (RFC 7489 §7.2).
 *
 * @param receivedAt when the message was evaluated
 * @param sourceIp the SMTP client's address, as {@link java.net.InetAddress#getHostAddress()} writes it
 * @param headerFrom the RFC5322.From domain
 * @param envelopeFrom the domain SPF checked: the RFC5321.MailFrom domain, or the HELO domain for a bounce
 * @param policy the record that applied, as published
 * @param reportTo the record's rua= destinations
 * @param evaluated what DMARC concluded and what we did
 * @param dkim every DKIM signature's result, uninterpreted
 * @param spf the SPF result, uninterpreted
 */
public record DmarcEvaluation(Instant receivedAt, String sourceIp, String headerFrom, String envelopeFrom,
                              PublishedPolicy policy, List<ReportUri> reportTo, PolicyEvaluated evaluated,
                              List<DkimAuth> dkim, SpfAuth spf) {
    public DmarcEvaluation {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(headerFrom, "headerFrom");
        Objects.requireNonNull(envelopeFrom, "envelopeFrom");
        Objects.requireNonNull(policy, "policy");
        reportTo = List.copyOf(reportTo);
        Objects.requireNonNull(evaluated, "evaluated");
        dkim = List.copyOf(dkim);
        Objects.requireNonNull(spf, "spf");
    }

    public String policyDomain() {
        return policy.domain();
    }

    /** The record's tags as reported in policy_published; sp is p when the record has none. */
    public record PublishedPolicy(String domain, Alignment.Mode adkim, Alignment.Mode aspf, DmarcPolicy p,
                                  DmarcPolicy sp, int pct, String fo) {
        public PublishedPolicy {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(adkim, "adkim");
            Objects.requireNonNull(aspf, "aspf");
            Objects.requireNonNull(p, "p");
            Objects.requireNonNull(sp, "sp");
            Objects.requireNonNull(fo, "fo");
        }
    }

    /** A rua= URI with its size limit in bytes, 0 for none (RFC 7489 §6.4). */
    public record ReportUri(String uri, long maxBytes) {
        public ReportUri {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /**
     * policy_evaluated: the disposition applied, whether DKIM and SPF passed aligned, and why the disposition
     * differs from the policy, if it does.
     */
    public record PolicyEvaluated(DmarcPolicy disposition, boolean dkimAligned, boolean spfAligned,
                                  List<PolicyOverride> reasons) {
        public PolicyEvaluated {
            Objects.requireNonNull(disposition, "disposition");
            reasons = List.copyOf(reasons);
        }
    }

    /** The PolicyOverrideType values of RFC 7489 Appendix C. */
    public enum PolicyOverride {
        FORWARDED, SAMPLED_OUT, TRUSTED_FORWARDER, MAILING_LIST, LOCAL_POLICY, OTHER;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One DKIM signature's d=, s= and result (RFC 8601 keyword). */
    public record DkimAuth(String domain, String selector, String result) {
        public DkimAuth {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(result, "result");
        }
    }

    /** The SPF domain, its scope ("mfrom" or "helo") and result (RFC 7208 keyword). */
    public record SpfAuth(String domain, String scope, String result) {
        public SpfAuth {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(result, "result");
        }
    }
}
