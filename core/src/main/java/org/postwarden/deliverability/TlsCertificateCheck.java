package org.postwarden.deliverability;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.ForwardConfirmedDns;
import org.postwarden.dns.MxRecord;
import org.postwarden.dns.RecordType;

/**
 * The certificate the server presents in STARTTLS: within its validity period and not about to expire, each
 * certificate signed by the next, and covering the host names senders and submitting clients connect to: the
 * configured ones, or else the HELO name and the domain's MX hosts that resolve to the outbound address (MX hosts
 * elsewhere, at a mail provider, present that provider's certificate).
 */
public final class TlsCertificateCheck implements Check {
    static final String NAME = "tls-certificate";
    static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private final CertificateSource certificates;
    private final DnsResolver resolver;
    private final List<String> hostNames;
    private final Clock clock;
    private final ForwardConfirmedDns forwardConfirmed;

    public TlsCertificateCheck(CertificateSource certificates, DnsResolver resolver, List<String> hostNames, Clock clock) {
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.hostNames = List.copyOf(hostNames);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.forwardConfirmed = new ForwardConfirmedDns(resolver);
    }

    @Override
    public List<Finding> examine(Target target) {
        List<X509Certificate> chain;
        try {
            chain = certificates.chain();
        } catch (IOException | CertificateException e) {
            return List.of(Finding.fail(NAME, "cannot read the configured TLS certificate: " + e.getMessage()));
        }
        if (chain.isEmpty()) {
            return List.of(Finding.warn(NAME, "no TLS certificate configured: STARTTLS not checked"));
        }
        return List.of(finding(chain, hostNames(target)));
    }

    private Finding finding(List<X509Certificate> chain, Set<String> names) {
        Instant now = clock.instant();
        for (X509Certificate certificate : chain) {
            String subject = certificate.getSubjectX500Principal().getName();
            if (certificate.getNotAfter().toInstant().isBefore(now)) {
                return Finding.fail(NAME, "the certificate " + subject + " expired on " + certificate.getNotAfter().toInstant());
            }
            if (certificate.getNotBefore().toInstant().isAfter(now)) {
                return Finding.fail(NAME, "the certificate " + subject + " is not valid before "
                    + certificate.getNotBefore().toInstant());
            }
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!signs(chain.get(i + 1), chain.get(i))) {
                return Finding.fail(NAME, "broken chain: " + chain.get(i).getSubjectX500Principal().getName()
                    + " is not signed by the next certificate, " + chain.get(i + 1).getSubjectX500Principal().getName());
            }
        }
        X509Certificate leaf = chain.get(0);
        List<String> covered = CertificateNames.of(leaf);
        List<String> uncovered = names.stream().filter(name -> !CertificateNames.covers(covered, name)).toList();
        if (!uncovered.isEmpty()) {
            return Finding.fail(NAME, "the certificate does not cover " + String.join(", ", uncovered)
                + " (it is for " + String.join(", ", covered) + ")");
        }
        Instant expiry = leaf.getNotAfter().toInstant();
        String forNames = names.isEmpty() ? "" : " for " + String.join(", ", names);
        if (expiry.isBefore(now.plus(EXPIRY_WARNING))) {
            return Finding.warn(NAME, "the certificate" + forNames + " expires on " + expiry + ", within 14 days: renew it");
        }
        if (chain.size() == 1 && signs(leaf, leaf)) {
            return Finding.warn(NAME, "the certificate" + forNames + " is self-signed: senders enforcing MTA-STS refuse it");
        }
        return Finding.pass(NAME, "the certificate" + forNames + " is valid until " + expiry);
    }

    private Set<String> hostNames(Target target) {
        Set<String> names = new LinkedHashSet<>(hostNames);
        if (names.isEmpty()) {
            target.helo().ifPresent(names::add);
            // Only the MX hosts this server answers for: those resolving to its outbound address.
            target.outboundIp().ifPresent(ip -> resolver.lookup(target.domain(), RecordType.MX).mxRecords().stream()
                .map(MxRecord::exchange).filter(host -> !host.isEmpty() && forwardConfirmed.resolvesTo(host, ip))
                .forEach(names::add));
        }
        return names;
    }

    private static boolean signs(X509Certificate issuer, X509Certificate certificate) {
        if (!issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
