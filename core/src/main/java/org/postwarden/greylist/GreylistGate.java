package org.postwarden.greylist;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.postwarden.dns.ForwardConfirmedDns;
import org.postwarden.store.FailOpen;

/**
 * Everything that happens to one RCPT before and around {@link Greylist#check}: the skips (authenticated
 * sessions, trusted networks, loopback, the admin whitelist, well-behaved clients in suspicious-only mode), the
 * decision, and failing open when the store is down. The SMTP hook only translates the {@link Outcome}.
 */
public final class GreylistGate {

    /** What the SMTP session knows about the client. */
    public record Client(InetAddress ip, boolean authenticated, boolean trustedNetwork, Optional<String> helo) {
    }

    /** Checks that SPF passes for the envelope sender (for sender-domain whitelist entries). */
    @FunctionalInterface
    public interface SenderSpf {
        boolean passes(InetAddress ip, String sender, String helo);
    }

    public enum Verdict { SKIPPED, PASSED, DEFERRED, FAILED_OPEN }

    public record Outcome(Verdict verdict, String why, Optional<Duration> retryIn) {
        static Outcome skipped(String why) {
            return new Outcome(Verdict.SKIPPED, why, Optional.empty());
        }

        /** Whether the RCPT must be refused with 451: deferred and not in dry-run. */
        public boolean refuses(GreylistSettings settings) {
            return verdict == Verdict.DEFERRED && !settings.dryRun();
        }
    }

    private final Greylist greylist;
    private final CachedWhitelist whitelist;
    private final ForwardConfirmedDns forwardConfirmedDns;
    private final SenderSpf senderSpf;
    private final GreylistSettings settings;
    private final Clock clock;

    public GreylistGate(Greylist greylist, CachedWhitelist whitelist, ForwardConfirmedDns forwardConfirmedDns,
                        SenderSpf senderSpf, GreylistSettings settings, Clock clock) {
        this.greylist = greylist;
        this.whitelist = whitelist;
        this.forwardConfirmedDns = forwardConfirmedDns;
        this.senderSpf = senderSpf;
        this.settings = settings;
        this.clock = clock;
    }

    public GreylistSettings settings() {
        return settings;
    }

    public Outcome check(Client client, String sender, String recipient) {
        Optional<String> why = staticSkip(client);
        if (why.isPresent()) {
            greylist.statistics().recordSkipped();
            return Outcome.skipped(why.get());
        }
        // The one place a store failure is counted: Greylist#check leaves it to us, whichever step failed.
        return FailOpen.orElse(() -> checkWithStore(client, sender, recipient), failure -> {
            greylist.statistics().recordStoreError();
            return new Outcome(Verdict.FAILED_OPEN, FailOpen.reason(failure), Optional.empty());
        });
    }

    private Optional<String> staticSkip(Client client) {
        if (settings.skipAuthenticated() && client.authenticated()) {
            return Optional.of("authenticated session");
        }
        if (settings.skipTrustedNetworks() && client.trustedNetwork()) {
            return Optional.of("trusted network");
        }
        if (settings.skipLoopback() && client.ip().isLoopbackAddress()) {
            return Optional.of("loopback client");
        }
        return Optional.empty();
    }

    private Outcome checkWithStore(Client client, String sender, String recipient) {
        Optional<String> hostname = forwardConfirmedDns.hostname(client.ip());
        String helo = client.helo().orElse("");
        GreylistRequest optimistic = new GreylistRequest(client.ip(), hostname, sender, true, recipient);
        Optional<WhitelistEntry> entry = whitelist.match(optimistic)
            .filter(match -> match.kind() != WhitelistEntry.Kind.SENDER_DOMAIN || senderSpf.passes(client.ip(), sender, helo));
        if (entry.isPresent()) {
            greylist.statistics().recordSkipped();
            return Outcome.skipped("whitelisted by " + entry.get().kind() + " " + entry.get().value());
        }
        if (settings.suspiciousOnly() && hostname.isPresent() && forwardConfirmedDns.resolvesTo(helo, client.ip())) {
            greylist.statistics().recordSkipped();
            return Outcome.skipped("client has forward-confirmed reverse DNS " + hostname.get() + " and a matching HELO");
        }
        GreylistDecision decision = greylist.check(optimistic.triplet(greylist.configuration()));
        if (decision.isPass()) {
            return new Outcome(Verdict.PASSED, decision.reason().name(), Optional.empty());
        }
        Duration retryIn = Duration.between(clock.instant(), decision.retryAfter().orElseThrow());
        return new Outcome(Verdict.DEFERRED, decision.reason().name(), Optional.of(retryIn.isNegative() ? Duration.ZERO : retryIn));
    }
}
