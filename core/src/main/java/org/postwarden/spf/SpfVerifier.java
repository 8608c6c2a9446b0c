package org.postwarden.spf;

import com.google.common.base.Preconditions;
import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedList;
import java.util.Objects;
import java.util.Optional;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.core.SPFChecker;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;
import org.postwarden.dns.DnsResolver;

/**
 * Checks SPF (RFC 7208) with jSPF, run synchronously on the caller's thread through our
 * {@link DnsResolver}. One jSPF instance serves every check; each check_host() evaluation gets its own
 * DNS adapter (limits, time budget, verdict), found through {@link CurrentCheckDnsService}, so one verifier
 * serves concurrent connections.
 *
 * <p>{@link #check} evaluates the MAIL FROM identity and, beside it, the HELO identity
 * (RFC 7208 §2.3 RECOMMENDS both); for a null reverse-path the HELO check is the result
 * (RFC 7208 §2.4). Both share one time budget.
 */
public final class SpfVerifier {
    /** RFC 7208 §4.6.4: the elapsed-time limit "SHOULD allow at least 20 seconds". */
    public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(20);

    private final DnsResolver resolver;
    private final Duration timeBudget;
    private final Clock clock;
    private final CurrentCheckDnsService dns = new CurrentCheckDnsService();
    private final SPF jspf = newJspf(dns);

    public SpfVerifier(DnsResolver resolver) {
        this(resolver, DEFAULT_TIME_BUDGET);
    }

    public SpfVerifier(DnsResolver resolver, Duration timeBudget) {
        this(resolver, timeBudget, Clock.systemUTC());
    }

    public SpfVerifier(DnsResolver resolver, Duration timeBudget, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        Preconditions.checkArgument(timeBudget.compareTo(Duration.ZERO) > 0, "time budget must be positive");
        this.timeBudget = timeBudget;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param mailFrom the reverse-path without angle brackets; null, "" or "<>" for the null reverse-path
     * @param helo the HELO/EHLO argument, null or "" when none was given
     */
    public SpfResult check(InetAddress ip, String mailFrom, String helo) {
        Objects.requireNonNull(ip, "ip");
        Instant deadline = clock.instant().plus(timeBudget);
        String sender = mailFrom == null || mailFrom.isBlank() || mailFrom.strip().equals("<>") ? "" : mailFrom.strip();
        String heloDomain = helo == null ? "" : helo.strip();
        if (sender.isEmpty()) {
            return evaluate(ip, "", heloDomain, SpfIdentity.HELO, deadline, Optional.empty());
        }
        Optional<SpfResult> heloResult = isDomain(heloDomain)
            ? Optional.of(evaluate(ip, "", heloDomain, SpfIdentity.HELO, deadline, Optional.empty()))
            : Optional.empty();
        return evaluate(ip, sender, heloDomain, SpfIdentity.MAILFROM, deadline, heloResult);
    }

    private SpfResult evaluate(InetAddress ip, String sender, String helo, SpfIdentity identity, Instant deadline,
                               Optional<SpfResult> heloResult) {
        ResolverSpfDnsService checkDns = new ResolverSpfDnsService(resolver, clock, deadline);
        SPFResult result = dns.with(checkDns, () -> jspf.checkSPF(InetAddresses.toAddrString(ip), sender, helo));
        Optional<ResolverSpfDnsService.Verdict> verdict = checkDns.verdict();
        SpfStatus status = verdict.map(ResolverSpfDnsService.Verdict::status)
            .orElseGet(() -> SpfStatus.fromKeyword(result.getResult()));
        Optional<String> explanation = status == SpfStatus.FAIL
            ? Optional.ofNullable(result.getExplanation()).filter(text -> !text.isEmpty())
            : Optional.empty();
        String domain = identity == SpfIdentity.HELO ? helo : sender.substring(sender.lastIndexOf('@') + 1);
        return new SpfResult(status, identity, domain, ip, sender, helo, explanation,
            verdict.map(ResolverSpfDnsService.Verdict::reason), heloResult);
    }

    /** A HELO worth its own check: a name with a dot, not an address literal (RFC 7208 §2.3, §4.3). */
    private static boolean isDomain(String helo) {
        return helo.contains(".") && !helo.startsWith("[") && !InetAddresses.isInetAddress(helo);
    }

    /** jSPF's {@code SPF(DNSService)} wiring, but with the synchronous executor and {@link Rfc7208MacroExpand}. */
    private static SPF newJspf(DNSService dns) {
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, dns);
        MacroExpand macroExpand = new Rfc7208MacroExpand(dns);
        wiring.put(MacroExpandEnabled.class, macroExpand);
        SPF spf = new RecordExplanationOnlySpf(dns, new RFC4408SPF1Parser(new DefaultTermsFactory(wiring)),
            macroExpand, new SynchronousSPFExecutor(dns));
        // include: re-enters this instance; the parser wires terms when it parses, so late is fine.
        wiring.put(SPFCheckEnabled.class, spf);
        return spf;
    }

    /**
     * Without jSPF's last policy, DefaultExplanationPolicy, which would give every FAIL lacking
     * exp= the dead openspf.org URL: RFC 7208 §6.2 leaves that default to the receiver.
     */
    private static final class RecordExplanationOnlySpf extends SPF {
        RecordExplanationOnlySpf(DNSService dns, RFC4408SPF1Parser parser, MacroExpand macroExpand,
                                 SynchronousSPFExecutor executor) {
            super(dns, parser, macroExpand, executor);
        }

        @Override
        public LinkedList<SPFChecker> getPolicies() {
            LinkedList<SPFChecker> policies = super.getPolicies();
            policies.removeLast();
            return policies;
        }
    }
}
