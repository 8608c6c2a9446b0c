package org.postwarden.deliverability;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.postwarden.dns.DnsResolver;
import org.postwarden.spf.SpfVerifier;

/**
 * Checks a sending domain against what the big mailbox providers require of bulk and everyday senders: SPF,
 * DKIM, DMARC, forward-confirmed reverse DNS, MX, a valid TLS certificate, MTA-STS and TLS-RPT. Each check
 * explains itself and names the DNS record that would fix it.
 */
public final class DeliverabilityDoctor {
    private final List<Check> checks;

    public DeliverabilityDoctor(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The standard checks, in report order, with the given DKIM check and certificate source. */
    public static DeliverabilityDoctor standard(DnsResolver resolver, Check dkim, CertificateSource certificates,
                                                List<String> tlsHostNames, Clock clock) {
        return new DeliverabilityDoctor(List.of(
            new SpfCheck(resolver, new SpfVerifier(resolver)),
            dkim,
            new DmarcCheck(resolver),
            new ReverseDnsCheck(resolver),
            new MxCheck(resolver),
            new TlsCertificateCheck(certificates, resolver, tlsHostNames, clock),
            new MtaStsCheck(resolver, clock),
            new TlsRptCheck(resolver)));
    }

    public DeliverabilityReport examine(Target target) {
        Objects.requireNonNull(target, "target");
        List<Finding> findings = new ArrayList<>();
        for (Check check : checks) {
            findings.addAll(check.examine(target));
        }
        return new DeliverabilityReport(target, findings);
    }
}
