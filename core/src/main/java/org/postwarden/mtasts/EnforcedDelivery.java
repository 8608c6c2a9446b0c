package org.postwarden.mtasts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.MxRecord;
import org.postwarden.dns.RecordType;

/**
 * Delivery to a domain whose MTA-STS policy is enforced (RFC 8461 §4, §5): only to its MX hosts that the policy
 * lists, in preference order, each over STARTTLS with a valid certificate for the MX name. When none can be used
 * the recipients are deferred, never sent elsewhere or in clear: the caller retries, then bounces.
 */
public final class EnforcedDelivery {
    public static final int SMTP_PORT = 25;

    private final DnsResolver resolver;
    private final RequiredTlsSmtpClient client;
    private final int port;

    /** @param port 25; another only to reach a test server */
    public EnforcedDelivery(DnsResolver resolver, RequiredTlsSmtpClient client, int port) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.client = Objects.requireNonNull(client, "client");
        this.port = port;
    }

    public DeliveryOutcome deliver(String domain, MtaStsPolicy policy, String mailFrom, List<String> recipients, byte[] message) {
        DnsAnswer answer = resolver.lookup(domain, RecordType.MX);
        if (answer.status() == DnsAnswer.Status.TEMPFAIL) {
            return DeliveryOutcome.allDeferred(recipients, "DNS failure looking up the MX of " + domain + ": " + answer.reason());
        }
        // No MX: the domain itself is the implicit MX (RFC 5321 §5.1), and must match the policy too.
        List<String> hosts = answer.mxRecords().isEmpty() ? List.of(domain)
            : answer.mxRecords().stream().map(MxRecord::exchange).toList();
        if (hosts.contains("")) {
            return DeliveryOutcome.allRefused(recipients, domain + " accepts no mail (null MX, RFC 7505)");
        }
        List<String> allowed = hosts.stream().filter(policy::allows).toList();
        if (allowed.isEmpty()) {
            return DeliveryOutcome.allDeferred(recipients, "no MX host of " + domain + " (" + String.join(", ", hosts)
                + ") matches its MTA-STS policy (mx: " + String.join(", ", policy.mx()) + ")");
        }
        List<String> failures = new ArrayList<>();
        for (String host : allowed) {
            try {
                return client.send(host, port, mailFrom, recipients, message);
            } catch (RequiredTlsSmtpClient.SmtpRefusal refusal) {
                return DeliveryOutcome.allRefused(recipients, host + ": " + refusal.getMessage());
            } catch (MtaStsException e) {
                failures.add(e.getMessage());
            }
        }
        return DeliveryOutcome.allDeferred(recipients, "MTA-STS: " + String.join("; ", failures));
    }
}
