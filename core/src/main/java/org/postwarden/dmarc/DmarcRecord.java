package org.postwarden.dmarc;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A DMARC policy record (RFC 7489 §6.3), with the defaults of absent tags filled in.
 *
 * @param policy p=
 * @param subdomainPolicy sp=, when given
 * @param percent pct=, 0 to 100, default 100
 * @param dkimAlignment adkim=, default relaxed
 * @param spfAlignment aspf=, default relaxed
 * @param aggregateReports rua= URIs, size limits ("!10m") removed
 * @param aggregateReportLimits the size limits of the rua= URIs that give one, in bytes (RFC 7489 §6.4)
 * @param failureReports ruf= URIs
 * @param failureOptions fo=, default ["0"]
 * @param reportInterval ri= seconds, default 86400
 * @param reportFormats rf=, default ["afrf"]
 */
public record DmarcRecord(DmarcPolicy policy, Optional<DmarcPolicy> subdomainPolicy, int percent,
                          Alignment.Mode dkimAlignment, Alignment.Mode spfAlignment, List<URI> aggregateReports,
                          Map<URI, Long> aggregateReportLimits, List<URI> failureReports, List<String> failureOptions, long reportInterval,
                          List<String> reportFormats) {
    public DmarcRecord {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(subdomainPolicy, "subdomainPolicy");
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("pct must be 0-100, got " + percent);
        }
        Objects.requireNonNull(dkimAlignment, "dkimAlignment");
        Objects.requireNonNull(spfAlignment, "spfAlignment");
        aggregateReports = List.copyOf(aggregateReports);
        aggregateReportLimits = Map.copyOf(aggregateReportLimits);
        failureReports = List.copyOf(failureReports);
        failureOptions = List.copyOf(failureOptions);
        reportFormats = List.copyOf(reportFormats);
    }

    /**
     * The policy for mail from the record's own domain (p=), or from a subdomain of it found through
     * the Organizational Domain fallback (sp=, else p=; RFC 7489 §6.3, §6.6.3).
     */
    public DmarcPolicy policyFor(boolean subdomain) {
        return subdomain ? subdomainPolicy.orElse(policy) : policy;
    }
}
