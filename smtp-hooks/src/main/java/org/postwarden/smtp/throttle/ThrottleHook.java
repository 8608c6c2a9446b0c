package org.postwarden.smtp.throttle;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.inject.Inject;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.Mappings;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.postwarden.smtp.LocalDomains;
import org.postwarden.throttle.OverrideStore;
import org.postwarden.throttle.SuspensionStore;
import org.postwarden.throttle.ThrottleDecision;
import org.postwarden.throttle.ThrottleKey;
import org.postwarden.throttle.ThrottlePolicy;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.Throttler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sender throttling in the SMTP session (conf/throttle.properties), so that an over-limit client is told at once
 * and no mail is accepted and then dropped:
 * <ul>
 *   <li>MAIL counts the message and its first recipient against the account (when authenticated), the envelope
 *   sender's domain and the client address; each further RCPT counts one more recipient. Over a limit:
 *   {@code 451 4.7.1}; a message that can never fit: {@code 550 5.7.1}; a suspended account, or one whose attempts
 *   just exceeded the hard threshold: {@code 550 5.7.1 account suspended} (the postmaster is told once).</li>
 *   <li>RCPT to one of our domains feeds the harvesting defence: a client naming too many unknown recipients gets
 *   {@code 451 4.7.1} for every recipient, known or not, for {@code harvest.block}.</li>
 * </ul>
 * Accounts are counted by their normalised name ({@link ThrottleKey#user}: case and {@code +tag} do not split
 * counters). A store failure accepts the mail (fail open) and is logged at WARN. In smtpserver.xml, before
 * ValidRcptHandler (which must not refuse unknown recipients before they are counted) and CoreCmdHandlerLoader:
 * <pre>{@code <handler class="org.postwarden.smtp.throttle.ThrottleHook"/>}</pre>
 */
public class ThrottleHook implements MailHook, RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(ThrottleHook.class);
    /** Recipients of the current transaction counted so far; the first one is counted at MAIL. */
    private static final ProtocolSession.AttachmentKey<Integer> COUNTED =
        ProtocolSession.AttachmentKey.of("postwarden.throttle.counted", Integer.class);
    private static final Duration KNOWN_RECIPIENT_TTL = Duration.ofSeconds(30);

    private final Throttler throttler;
    private final Throttler recipients;
    private final AccountAges ages;
    private final PostmasterNotifier postmaster;
    private final DomainList domains;
    private final UsersRepository users;
    private final RecipientRewriteTable aliases;
    private final MetricFactory metrics;
    private final Clock clock;
    private final Cache<MailAddress, Boolean> knownRecipients = CacheBuilder.newBuilder()
        .expireAfterWrite(KNOWN_RECIPIENT_TTL)
        .maximumSize(100_000)
        .build();

    @Inject
    public ThrottleHook(Throttler throttler, ThrottlePolicy policy, ThrottleStore store, OverrideStore overrides,
                        SuspensionStore suspensions, AccountAges ages, PostmasterNotifier postmaster,
                        DomainList domains, UsersRepository users, RecipientRewriteTable aliases,
                        MetricFactory metrics, Clock clock) {
        this.throttler = throttler;
        this.recipients = RecipientsOnly.throttler(policy, store, overrides, suspensions, clock);
        this.ages = ages;
        this.postmaster = postmaster;
        this.domains = domains;
        this.users = users;
        this.aliases = aliases;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        session.setAttachment(COUNTED, 1, ProtocolSession.State.Transaction);
        return check(session, sender, throttler, "MAIL");
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        String ip = clientIp(session);
        String user = user(session);
        boolean local = LocalDomains.isLocal(domains, recipient);
        boolean exists = !local || exists(recipient);
        if (local) {
            try {
                ThrottleDecision harvest = throttler.checkRecipient(user, ip, exists);
                if (!harvest.allowed()) {
                    return refuse(session, sender, "RCPT <" + recipient.asString() + ">", harvest);
                }
            } catch (ThrottleStoreException e) {
                return failOpen(session, "RCPT", e);
            }
        }
        if (!exists || (!local && !session.isRelayingAllowed())) {
            // Refused after us (ValidRcptHandler, the relay check): not a recipient of this message.
            return HookResult.DECLINED;
        }
        int counted = session.getAttachment(COUNTED, ProtocolSession.State.Transaction).orElse(1);
        session.setAttachment(COUNTED, counted + 1, ProtocolSession.State.Transaction);
        if (counted == 1) {
            // The first recipient was counted with the message at MAIL.
            return HookResult.DECLINED;
        }
        return check(session, sender, recipients, "RCPT <" + recipient.asString() + ">");
    }

    private HookResult check(SMTPSession session, MaybeSender sender, Throttler counter, String command) {
        String ip = clientIp(session);
        String user = user(session);
        try {
            Instant created = user == null ? null : ages.firstSeen(user, clock.instant());
            String senderDomain = sender.asOptional().map(address -> address.getDomain().asString()).orElse(null);
            ThrottleDecision decision = counter.checkSender(user, senderDomain, ip, 1, created);
            if (decision.newlySuspended()) {
                postmaster.suspended(decision.suspension().orElseThrow(), ip);
            }
            return decision.allowed() ? HookResult.DECLINED : refuse(session, sender, command, decision);
        } catch (ThrottleStoreException e) {
            return failOpen(session, command, e);
        }
    }

    private HookResult refuse(SMTPSession session, MaybeSender sender, String command, ThrottleDecision decision) {
        metrics.generate("postwarden.throttle." + decision.outcome().name().toLowerCase(java.util.Locale.ROOT)).increment();
        LOGGER.info("throttled {} from {} (user {}, sender <{}>): {} {}", command, clientIp(session),
            session.getUsername() == null ? "-" : session.getUsername().asString(),
            sender.asOptional().map(MailAddress::asString).orElse(""), decision.outcome(), decision.reason());
        ThrottleDecision.Outcome outcome = decision.outcome();
        String text = switch (outcome) {
            case TEMPFAIL -> "Rate limit reached, please retry in " + Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000)
                + " seconds";
            case SUSPENDED -> "account suspended, contact your administrator";
            default -> decision.reason();
        };
        return HookResult.builder()
            .hookReturnCode(outcome == ThrottleDecision.Outcome.TEMPFAIL ? HookReturnCode.denySoft() : HookReturnCode.deny())
            .smtpReturnCode(String.valueOf(outcome.replyCode()))
            .smtpDescription(outcome.enhancedStatus() + " " + text)
            .build();
    }

    private HookResult failOpen(SMTPSession session, String command, ThrottleStoreException e) {
        metrics.generate("postwarden.throttle.storeErrors").increment();
        LOGGER.warn("throttling skipped for {} from {}: {}", command, clientIp(session), e.getMessage());
        return HookResult.DECLINED;
    }

    private static String user(SMTPSession session) {
        Username username = session.getUsername();
        return username == null ? null : ThrottleKey.user(username.asString()).userName();
    }

    private static String clientIp(SMTPSession session) {
        return session.getRemoteAddress().getAddress().getHostAddress();
    }

    /**
     * As ValidRcptHandler decides: a user, or an address with alias or forward mappings; errors count as existing.
     * Only harvest counting asks, so a recipient found to exist is remembered for a while: a deleted one may count
     * as known for {@link #KNOWN_RECIPIENT_TTL}, an unknown one is always looked up.
     */
    private boolean exists(MailAddress recipient) {
        if (knownRecipients.getIfPresent(recipient) != null) {
            return true;
        }
        boolean exists = lookUp(recipient);
        if (exists) {
            knownRecipients.put(recipient, Boolean.TRUE);
        }
        return exists;
    }

    private boolean lookUp(MailAddress recipient) {
        try {
            if (users.contains(users.getUsername(recipient))) {
                return true;
            }
            Mappings mappings = aliases.getResolvedMappings(recipient.getLocalPart(), recipient.getDomain());
            return !mappings.isEmpty();
        } catch (UsersRepositoryException | RecipientRewriteTableException e) {
            LOGGER.warn("cannot tell whether {} exists: {}", recipient.asString(), e.getMessage());
            return true;
        } catch (RecipientRewriteTable.ErrorMappingException e) {
            return true;
        } catch (IllegalArgumentException e) {
            // A local part James cannot make a user name of ("x@evil"@example.com): nobody's, so unknown.
            return false;
        }
    }
}
