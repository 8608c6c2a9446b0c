package org.postwarden.inbound;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.postwarden.arc.ArcValidation;
import org.postwarden.arc.ArcValidator;
import org.postwarden.arc.ChainValidationStatus;
import org.postwarden.authresults.AuthenticationResults;
import org.postwarden.authresults.ResultInfo;
import org.postwarden.dkim.DkimFailure;
import org.postwarden.dkim.DkimResult;
import org.postwarden.dkim.DkimVerifier;
import org.postwarden.dkim.RawMessage;
import org.postwarden.dmarc.AuthorDomains;
import org.postwarden.dmarc.DkimOutcome;
import org.postwarden.dmarc.DmarcPolicy;
import org.postwarden.dmarc.DmarcResult;
import org.postwarden.dmarc.DmarcStatus;
import org.postwarden.dmarc.DmarcVerifier;
import org.postwarden.dmarc.SpfOutcome;
import org.postwarden.dns.DnsResolver;
import org.postwarden.inbound.InboundPolicy.Action;
import org.postwarden.inbound.InboundVerdict.Disposition;
import org.postwarden.spf.SpfResult;
import org.postwarden.spf.SpfStatus;
import org.postwarden.spf.SpfVerifier;

/**
 * SPF, DKIM, ARC and DMARC for one inbound message, the disposition the {@link InboundPolicy} asks for, and the
 * Authentication-Results header (RFC 8601) that records it all.
 */
public final class InboundAuthenticator {
    private final SpfVerifier spfVerifier;
    private final DkimVerifier dkimVerifier;
    private final ArcValidator arcValidator;
    private final DmarcVerifier dmarcVerifier;
    private final InboundPolicy policy;
    private final RandomGenerator random;

    public InboundAuthenticator(DnsResolver resolver, Clock clock, InboundPolicy policy, Duration spfTimeBudget,
                                RandomGenerator random) {
        this.spfVerifier = new SpfVerifier(resolver, spfTimeBudget, clock);
        this.dkimVerifier = new DkimVerifier(resolver, clock);
        this.arcValidator = new ArcValidator(resolver, clock);
        this.dmarcVerifier = new DmarcVerifier(resolver);
        this.policy = policy;
        this.random = random;
    }

    public InboundPolicy policy() {
        return policy;
    }

    /** {@code mailFrom} is the envelope sender, empty for a bounce. */
    public InboundVerdict authenticate(byte[] message, InetAddress clientIp, String helo, String mailFrom) {
        RawMessage raw = RawMessage.parse(message);
        SpfResult spf = spfVerifier.check(clientIp, mailFrom, helo);
        List<DkimResult> dkim = dkimVerifier.verify(raw);
        ArcValidation arc = arcValidator.validate(raw);
        DmarcResult dmarc = dmarcVerifier.evaluate(AuthorDomains.of(raw),
            new SpfOutcome(spf.status(), spf.domain()), dkim.stream().map(InboundAuthenticator::dkimOutcome).toList(), random);
        boolean arcOverride = dmarc.status() == DmarcStatus.FAIL
            && arc.trustedOriginalAuthentication(policy.trustedArcSealers())
                .filter(sealer -> sealer.spfPass() || sealer.dkimPass())
                .isPresent();
        Disposition disposition = disposition(spf, dkim, dmarc, arcOverride);
        return new InboundVerdict(spf, dkim, dmarc, arc, arcOverride, disposition, reason(disposition, dmarc),
            header(clientIp, spf, dkim, dmarc, arc, arcOverride));
    }

    private Disposition disposition(SpfResult spf, List<DkimResult> dkim, DmarcResult dmarc, boolean arcOverride) {
        if (dmarc.status() == DmarcStatus.PERMERROR) {
            // RFC 7489 §6.6.1: no author domain, so no policy could protect the domain the reader is shown.
            return policy.onUnknownAuthor() == Action.QUARANTINE ? Disposition.QUARANTINE : Disposition.REJECT;
        }
        boolean lookupFailed = spf.status() == SpfStatus.TEMPERROR
            || dkim.stream().anyMatch(result -> result.status() == DkimResult.Status.TEMPERROR);
        boolean mayPassOnRetry = dmarc.status() == DmarcStatus.TEMPERROR
            || (dmarc.status() == DmarcStatus.FAIL && lookupFailed);
        if (policy.tempfailOnTemperror() && mayPassOnRetry) {
            return Disposition.TEMPFAIL;
        }
        if (dmarc.status() != DmarcStatus.FAIL || arcOverride) {
            return Disposition.ACCEPT;
        }
        Action action = switch (dmarc.disposition()) {
            case REJECT -> policy.onReject();
            case QUARANTINE -> policy.onQuarantine();
            case NONE -> Action.TAG;
        };
        return switch (action) {
            case REJECT -> Disposition.REJECT;
            case QUARANTINE -> Disposition.QUARANTINE;
            case TAG -> Disposition.ACCEPT;
        };
    }

    private static String reason(Disposition disposition, DmarcResult dmarc) {
        String domain = dmarc.policyDomain().or(dmarc::headerFrom).orElse("the sender's domain");
        if (dmarc.status() == DmarcStatus.PERMERROR && disposition != Disposition.ACCEPT) {
            return dmarc.reasons().get(0) + " (RFC 7489 6.6.1)";
        }
        return switch (disposition) {
            case ACCEPT -> "";
            case TEMPFAIL -> "a DNS lookup failed while authenticating the message; try again later";
            case QUARANTINE, REJECT -> "DMARC policy of " + domain + " is "
                + dmarc.policy().map(DmarcPolicy::keyword).orElse("none") + " and the message is neither SPF- nor DKIM-aligned with it";
        };
    }

    private AuthenticationResults header(InetAddress clientIp, SpfResult spf, List<DkimResult> dkim, DmarcResult dmarc,
                                         ArcValidation arc, boolean arcOverride) {
        List<ResultInfo> results = new ArrayList<>();
        results.add(spf.resinfo());
        dkim.forEach(result -> results.add(dkimResinfo(result)));
        ResultInfo arcResult = ResultInfo.of("arc", arc.cv().tagValue());
        if (arc.cv() == ChainValidationStatus.PASS && arc.oldestPass() > 0) {
            arcResult = arcResult.property("header.oldest-pass", String.valueOf(arc.oldestPass()));
        }
        results.add(arcResult.property("smtp.remote-ip", clientIp.getHostAddress()));
        results.add(arcOverride ? dmarc.resinfo().property("policy.override", "arc") : dmarc.resinfo());
        return new AuthenticationResults(policy.authservId(), results);
    }

    private static ResultInfo dkimResinfo(DkimResult result) {
        ResultInfo resinfo = ResultInfo.of("dkim", result.status().keyword());
        if (result.status() != DkimResult.Status.PASS && result.status() != DkimResult.Status.NONE) {
            resinfo = resinfo.withReason(result.failure().map(DkimFailure::message).orElse(result.status().keyword()));
        }
        resinfo = withProperty(resinfo, "header.d", result.headerD());
        resinfo = withProperty(resinfo, "header.i", result.headerI());
        resinfo = withProperty(resinfo, "header.s", result.headerS());
        resinfo = withProperty(resinfo, "header.a", result.headerA());
        resinfo = withProperty(resinfo, "header.b", result.headerB());
        return resinfo;
    }

    private static ResultInfo withProperty(ResultInfo resinfo, String name, Optional<String> value) {
        return value.filter(text -> !text.isEmpty()).map(text -> resinfo.property(name, text)).orElse(resinfo);
    }

    private static DkimOutcome dkimOutcome(DkimResult result) {
        return new DkimOutcome(DkimOutcome.Status.valueOf(result.status().name()), result.headerD().orElse(""));
    }
}
