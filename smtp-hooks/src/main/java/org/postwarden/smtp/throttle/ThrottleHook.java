package org.postwarden.smtp.throttle;

import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postwarden.throttle.ThrottleDecision;
import org.postwarden.throttle.ThrottleGate;
import org.postwarden.throttle.ThrottleGate.Outcome;
import org.postwarden.throttle.ThrottleKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sender throttling in the SMTP session (conf/throttle.properties), so that an over-limit client is told at once
 * and no mail is accepted and then dropped; {@link ThrottleGate} decides, this hook translates:
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
    private static final ProtocolSession.AttachmentKey<ThrottleGate.Transaction> TRANSACTION =
        ProtocolSession.AttachmentKey.of("postwarden.throttle.transaction", ThrottleGate.Transaction.class);

    private final ThrottleGate gate;
    private final RecipientDirectory directory;
    private final MetricFactory metrics;

    @Inject
    public ThrottleHook(ThrottleGate gate, RecipientDirectory directory, MetricFactory metrics) {
        this.gate = gate;
        this.directory = directory;
        this.metrics = metrics;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        session.setAttachment(TRANSACTION, new ThrottleGate.Transaction(), ProtocolSession.State.Transaction);
        return translate(session, sender, "MAIL", gate.mail(client(session), senderDomain(sender)));
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        ThrottleGate.Transaction transaction = session.getAttachment(TRANSACTION, ProtocolSession.State.Transaction)
            .orElseGet(() -> {
                ThrottleGate.Transaction started = new ThrottleGate.Transaction();
                session.setAttachment(TRANSACTION, started, ProtocolSession.State.Transaction);
                return started;
            });
        Outcome outcome = gate.recipient(client(session), senderDomain(sender), directory.recipient(recipient),
            transaction);
        return translate(session, sender, "RCPT <" + recipient.asString() + ">", outcome);
    }

    private HookResult translate(SMTPSession session, MaybeSender sender, String command, Outcome outcome) {
        return switch (outcome.verdict()) {
            case PASSED -> HookResult.DECLINED;
            case REFUSED -> refuse(session, sender, command, outcome.decision().orElseThrow());
            case FAILED_OPEN -> {
                metrics.generate("postwarden.throttle.storeErrors").increment();
                LOGGER.warn("throttling skipped for {} from {}: {}", command, clientIp(session), outcome.why());
                yield HookResult.DECLINED;
            }
        };
    }

    private HookResult refuse(SMTPSession session, MaybeSender sender, String command, ThrottleDecision decision) {
        metrics.generate("postwarden.throttle." + decision.outcome().name().toLowerCase(Locale.ROOT)).increment();
        LOGGER.info("throttled {} from {} (user {}, sender <{}>): {} {}", command, clientIp(session),
            session.getUsername() == null ? "-" : session.getUsername().asString(),
            sender.asOptional().map(MailAddress::asString).orElse(""), decision.outcome(), decision.reason());
        ThrottleDecision.Outcome outcome = decision.outcome();
        String text = switch (outcome) {
            case TEMPFAIL -> "Rate limit reached, please retry in "
                + Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000) + " seconds";
            case SUSPENDED -> "account suspended, contact your administrator";
            default -> decision.reason();
        };
        return HookResult.builder()
            .hookReturnCode(outcome == ThrottleDecision.Outcome.TEMPFAIL ? HookReturnCode.denySoft() : HookReturnCode.deny())
            .smtpReturnCode(String.valueOf(outcome.replyCode()))
            .smtpDescription(outcome.enhancedStatus() + " " + text)
            .build();
    }

    private static ThrottleGate.Client client(SMTPSession session) {
        Username username = session.getUsername();
        return new ThrottleGate.Client(clientIp(session),
            Optional.ofNullable(username).map(name -> ThrottleKey.user(name.asString()).userName()),
            session.isRelayingAllowed());
    }

    private static Optional<String> senderDomain(MaybeSender sender) {
        return sender.asOptional().map(address -> address.getDomain().asString());
    }

    private static String clientIp(SMTPSession session) {
        return session.getRemoteAddress().getAddress().getHostAddress();
    }
}
