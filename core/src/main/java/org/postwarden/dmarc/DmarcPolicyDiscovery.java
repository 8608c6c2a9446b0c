package org.postwarden.dmarc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;

/** Finds the DMARC record that applies to an RFC5322.From domain (RFC 7489 §6.6.3). */
public final class DmarcPolicyDiscovery {
    /** What discovery found. */
    public enum Outcome {
        FOUND,
        /** No record applies; DMARC is not applied to the message. */
        NONE,
        /** A DNS failure; the message may be deferred. */
        TEMPERROR
    }

    /**
     * @param record the record, when FOUND
     * @param policyDomain the domain whose _dmarc record it is, when FOUND
     * @param subdomain true when the record was found at the Organizational Domain of a subdomain,
     *     so that sp= applies
     * @param reason what happened, for logs and the result's reasons
     */
    public record Discovery(Outcome outcome, Optional<DmarcRecord> record, Optional<String> policyDomain,
                            boolean subdomain, String reason) {
        static Discovery none(String reason) {
            return new Discovery(Outcome.NONE, Optional.empty(), Optional.empty(), false, reason);
        }
    }

    private final DnsResolver resolver;

    public DmarcPolicyDiscovery(DnsResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** @param fromDomain a valid domain name, lower-case, without root dot */
    public Discovery discover(String fromDomain) {
        Optional<Discovery> atFrom = lookup(fromDomain, false);
        if (atFrom.isPresent()) {
            return atFrom.get();
        }
        // Step 3: with no record at the From domain, query the Organizational Domain in its place.
        String organizational = OrganizationalDomain.of(fromDomain).orElse(fromDomain);
        if (organizational.equals(fromDomain)) {
            return Discovery.none("no DMARC record at _dmarc." + fromDomain);
        }
        return lookup(organizational, true).orElseGet(() -> Discovery.none(
            "no DMARC record at _dmarc." + fromDomain + " nor at _dmarc." + organizational));
    }

    /** Empty when the domain has no DMARC record, so that discovery goes on. */
    private Optional<Discovery> lookup(String domain, boolean subdomain) {
        String name = "_dmarc." + domain;
        DnsAnswer answer = resolver.lookup(name, RecordType.TXT);
        if (answer.status() == DnsAnswer.Status.TEMPFAIL) {
            return Optional.of(new Discovery(Outcome.TEMPERROR, Optional.empty(), Optional.empty(), subdomain,
                "TXT lookup of " + name + " failed: " + answer.reason()));
        }
        // Step 2: records not starting with v=DMARC1 are discarded.
        List<String> records = answer.texts().stream().filter(DmarcRecordParser::isDmarcRecord).toList();
        if (records.isEmpty()) {
            return Optional.empty();
        }
        // Step 4: several DMARC records and discovery ends without policy.
        if (records.size() > 1) {
            return Optional.of(Discovery.none(records.size() + " DMARC records at " + name));
        }
        try {
            return Optional.of(new Discovery(Outcome.FOUND, Optional.of(DmarcRecordParser.parse(records.get(0))),
                Optional.of(domain), subdomain, "record at " + name));
        } catch (DmarcRecordParser.InvalidRecordException e) {
            // Step 6: a record without usable policy is not applied.
            return Optional.of(Discovery.none("unusable DMARC record at " + name + ": " + e.getMessage()));
        }
    }
}
