package org.postwarden.dmarc.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.postwarden.dmarc.DmarcRecordParser;
import org.postwarden.dmarc.OrganizationalDomain;
import org.postwarden.dmarc.report.DmarcEvaluation.ReportUri;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;

/**
 * Where an aggregate report may go (RFC 7489 §7.1): the {@code mailto:} URIs of rua=; one whose host is outside the
 * Organizational Domain of the policy domain only when {@code <policy-domain>._report._dmarc.<host>} publishes a TXT
 * record starting with {@code v=DMARC1}, so that nobody can direct reports at a third party that did not ask for them;
 * and only to destinations whose size limit the report fits in.
 */
public final class ReportDestinations {
    private final DnsResolver resolver;

    public ReportDestinations(DnsResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * @param addresses the mailboxes the report goes to
     * @param refused why other URIs were not used, for logs and webadmin
     * @param retryLater a verification query failed temporarily: with no address, try again at the next run
     */
    public record Destinations(List<String> addresses, List<String> refused, boolean retryLater) {
        public Destinations {
            addresses = List.copyOf(addresses);
            refused = List.copyOf(refused);
        }
    }

    public Destinations verify(String policyDomain, List<ReportUri> uris, long reportBytes) {
        List<String> addresses = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        boolean retryLater = false;
        for (ReportUri reportUri : uris) {
            Optional<String> address = mailbox(reportUri.uri());
            if (address.isEmpty()) {
                refused.add(reportUri.uri() + ": only mailto: URIs are supported");
                continue;
            }
            String host = address.get().substring(address.get().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (reportUri.maxBytes() > 0 && reportBytes > reportUri.maxBytes()) {
                refused.add(reportUri.uri() + ": the report (" + reportBytes + " bytes) exceeds its limit of "
                    + reportUri.maxBytes() + " bytes");
                continue;
            }
            if (!sameOrganization(policyDomain, host)) {
                String name = policyDomain + "._report._dmarc." + host;
                DnsAnswer answer = resolver.lookup(name, RecordType.TXT);
                if (answer.status() == DnsAnswer.Status.TEMPFAIL) {
                    refused.add(reportUri.uri() + ": " + name + " did not answer (" + answer.reason() + ")");
                    retryLater = true;
                    continue;
                }
                if (answer.texts().stream().noneMatch(DmarcRecordParser::isDmarcRecord)) {
                    refused.add(reportUri.uri() + ": " + host + " does not accept reports for " + policyDomain
                        + " (no v=DMARC1 record at " + name + ")");
                    continue;
                }
            }
            if (!addresses.contains(address.get())) {
                addresses.add(address.get());
            }
        }
        return new Destinations(addresses, refused, retryLater);
    }

    private static boolean sameOrganization(String policyDomain, String host) {
        Optional<String> policyOrganization = OrganizationalDomain.of(policyDomain);
        return policyOrganization.isPresent() && policyOrganization.equals(OrganizationalDomain.of(host));
    }

    /** The single address of a {@code mailto:} URI (RFC 6068), without header fields; empty for anything else. */
    private static Optional<String> mailbox(String uri) {
        try {
            URI parsed = new URI(uri);
            if (!"mailto".equalsIgnoreCase(parsed.getScheme()) || parsed.getSchemeSpecificPart() == null) {
                return Optional.empty();
            }
            String to = parsed.getSchemeSpecificPart();
            int query = to.indexOf('?');
            to = (query >= 0 ? to.substring(0, query) : to).strip();
            int at = to.lastIndexOf('@');
            return at > 0 && at < to.length() - 1 && !to.contains(",") && OrganizationalDomain.of(to.substring(at + 1)).isPresent()
                ? Optional.of(to) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
