package org.postwarden.dmarc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.postwarden.dns.DnsResolver;

/**
 * Evaluates DMARC (RFC 7489 §6.6) from the SPF and DKIM results already computed for a message,
 * which it takes as plain values so it depends on neither implementation.
 *
 * <p>Several RFC5322.From domains (RFC 7489 §6.6.1 lets the receiver reject such mail or evaluate
 * each): each distinct domain is evaluated and the strictest outcome is returned, the harshest
 * disposition first, then FAIL over TEMPERROR over NONE over PASS. A message without a usable
 * From domain is PERMERROR: §6.6.1 says such messages MAY be rejected, and there is nothing to
 * evaluate.
 */
public final class DmarcVerifier {
    private static final Comparator<DmarcResult> STRICTNESS = Comparator
        .comparing(DmarcResult::disposition)
        .thenComparing(result -> switch (result.status()) {
            case FAIL -> 3;
            case TEMPERROR -> 2;
            case NONE, PERMERROR -> 1;
            case PASS -> 0;
        });

    private final DmarcPolicyDiscovery discovery;

    public DmarcVerifier(DnsResolver resolver) {
        this.discovery = new DmarcPolicyDiscovery(resolver);
    }

    /**
     * As {@link #evaluate(List, SpfOutcome, List, RandomGenerator)}; PERMERROR, with the reason, when the author
     * domain cannot be determined.
     */
    public DmarcResult evaluate(AuthorDomains author, SpfOutcome spf, List<DkimOutcome> dkim, RandomGenerator random) {
        if (!author.determined()) {
            return DmarcResult.withoutPolicy(DmarcStatus.PERMERROR, Optional.empty(),
                "no determinable RFC5322.From domain: " + author.failure().orElseThrow());
        }
        return evaluate(author.domains(), spf, dkim, random);
    }

    /**
     * @param fromDomains the domains of the RFC5322.From address(es)
     * @param spf the SPF result and the domain it authenticated
     * @param dkim every DKIM signature's result; the passing ones count
     * @param random draws the pct= sample (RFC 7489 §6.6.4)
     */
    public DmarcResult evaluate(List<String> fromDomains, SpfOutcome spf, List<DkimOutcome> dkim,
                                RandomGenerator random) {
        Objects.requireNonNull(spf, "spf");
        Objects.requireNonNull(dkim, "dkim");
        Objects.requireNonNull(random, "random");
        if (fromDomains.isEmpty()) {
            return DmarcResult.withoutPolicy(DmarcStatus.PERMERROR, Optional.empty(), "no RFC5322.From domain");
        }
        Set<String> domains = new LinkedHashSet<>();
        for (String fromDomain : fromDomains) {
            Optional<String> domain = OrganizationalDomain.normalize(fromDomain);
            if (domain.isEmpty()) {
                return DmarcResult.withoutPolicy(DmarcStatus.PERMERROR, Optional.empty(),
                    "unusable RFC5322.From domain \"" + fromDomain + "\"");
            }
            domains.add(domain.get());
        }
        List<DmarcResult> results = new ArrayList<>();
        for (String domain : domains) {
            results.add(evaluate(domain, spf, dkim, random));
        }
        DmarcResult strictest = results.stream().max(STRICTNESS).orElseThrow();
        if (results.size() == 1) {
            return strictest;
        }
        List<String> reasons = new ArrayList<>(strictest.reasons());
        reasons.add("strictest of " + results.size() + " RFC5322.From domains " + domains);
        return new DmarcResult(strictest.status(), strictest.headerFrom(), strictest.record(),
            strictest.policyDomain(), strictest.policy(), strictest.disposition(), strictest.spfAligned(),
            strictest.dkimAligned(), reasons);
    }

    private DmarcResult evaluate(String from, SpfOutcome spf, List<DkimOutcome> dkim, RandomGenerator random) {
        DmarcPolicyDiscovery.Discovery found = discovery.discover(from);
        switch (found.outcome()) {
            case TEMPERROR:
                return DmarcResult.withoutPolicy(DmarcStatus.TEMPERROR, Optional.of(from), found.reason());
            case NONE:
                return DmarcResult.withoutPolicy(DmarcStatus.NONE, Optional.of(from), found.reason());
            default:
                break;
        }
        DmarcRecord record = found.record().orElseThrow();
        DmarcPolicy policy = record.policyFor(found.subdomain());
        List<String> reasons = new ArrayList<>(List.of(found.reason()));

        // RFC 7489 §4.2: pass when SPF or DKIM passed for an identifier aligned with the From domain.
        boolean spfAligned = spf.passed()
            && Alignment.aligned(spf.authenticatedDomain(), from, record.spfAlignment());
        boolean dkimAligned = dkim.stream()
            .anyMatch(d -> d.passed() && Alignment.aligned(d.domain(), from, record.dkimAlignment()));
        reasons.add("SPF " + (spfAligned ? "aligned pass" : "no aligned pass"));
        reasons.add("DKIM " + (dkimAligned ? "aligned pass" : "no aligned pass"));
        if (spfAligned || dkimAligned) {
            return new DmarcResult(DmarcStatus.PASS, Optional.of(from), Optional.of(record), found.policyDomain(),
                Optional.of(policy), DmarcPolicy.NONE, spfAligned, dkimAligned, reasons);
        }
        DmarcPolicy disposition = policy;
        if (record.percent() < 100 && random.nextInt(100) >= record.percent()) {
            // RFC 7489 §6.6.4: failing mail left out of the pct= sample gets the next policy down.
            disposition = policy.unsampled();
            reasons.add("not sampled (pct=" + record.percent() + ")");
        }
        return new DmarcResult(DmarcStatus.FAIL, Optional.of(from), Optional.of(record), found.policyDomain(),
            Optional.of(policy), disposition, false, false, reasons);
    }
}
