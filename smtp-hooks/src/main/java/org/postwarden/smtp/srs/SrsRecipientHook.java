package org.postwarden.smtp.srs;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.postwarden.srs.ReverseSrsDecision;
import org.postwarden.srs.ReverseSrsGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reverse SRS in the SMTP session ({@link ReverseSrsGate}, srs.properties): a recipient that is one of our SRS
 * addresses is accepted only for a bounce of a forward (MAIL FROM:&lt;&gt;) with a good hash and age, within
 * {@code reverse.perAddress} and {@code reverse.perClient}, so that SrsReverse returns it to the original sender.
 * Otherwise: {@code 550 5.1.1} for a forged, altered or expired address (a bad hash counts as an unknown recipient
 * for the harvesting defence, which answers {@code 451 4.7.1} once the client is cut off), {@code 550 5.7.1} for
 * mail that is not a bounce, {@code 450 4.7.1} over a limit. With {@code reverse.accept=bounces,auto-replies}, mail
 * with a sender is accepted at RCPT and refused at the end of DATA ({@code 550 5.7.1}) unless its
 * {@code Auto-Submitted} header marks it automatic (RFC 3834). SRS addresses of other forwarders are ordinary
 * addresses. In smtpserver.xml, before ThrottleHook and ValidRcptHandler:
 * <pre>{@code <handler class="org.postwarden.smtp.srs.SrsRecipientHook"/>}</pre>
 */
public class SrsRecipientHook implements RcptHook, JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SrsRecipientHook.class);
    /** Set when an SRS recipient of this transaction was accepted on condition of an automatic reply. */
    private static final ProtocolSession.AttachmentKey<Boolean> AUTOMATIC_ONLY =
        ProtocolSession.AttachmentKey.of("postwarden.srs.automaticOnly", Boolean.class);

    private final ReverseSrsGate gate;

    @Inject
    public SrsRecipientHook(ReverseSrsGate gate) {
        this.gate = gate;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        String user = session.getUsername() == null ? null : session.getUsername().asString();
        ReverseSrsDecision decision = gate.atRcpt(recipient.asString(), sender.isNullSender(), clientIp(session), user);
        if (!decision.storeFailure().isEmpty()) {
            LOGGER.warn("SRS return limits skipped for <{}> from {}: {}", recipient.asString(), clientIp(session),
                decision.storeFailure());
        }
        if (decision.verdict() == ReverseSrsDecision.Verdict.ACCEPT_IF_AUTOMATIC) {
            session.setAttachment(AUTOMATIC_ONLY, Boolean.TRUE, ProtocolSession.State.Transaction);
        }
        return translate(session, "RCPT <" + recipient.asString() + ">", decision);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (!session.getAttachment(AUTOMATIC_ONLY, ProtocolSession.State.Transaction).orElse(false)) {
            return HookResult.DECLINED;
        }
        String[] autoSubmitted;
        try {
            autoSubmitted = mail.getMessage().getHeader("Auto-Submitted");
        } catch (MessagingException e) {
            LOGGER.error("cannot read the message returned to an SRS address", e);
            return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("451")
                .smtpDescription("4.3.0 Temporary failure while reading the message, try again later").build();
        }
        ReverseSrsDecision decision = gate.atData(autoSubmitted == null ? null : autoSubmitted[0]);
        return decision.refused() ? translate(session, "DATA", decision) : HookResult.DECLINED;
    }

    private static HookResult translate(SMTPSession session, String command, ReverseSrsDecision decision) {
        if (decision.verdict() == ReverseSrsDecision.Verdict.NOT_OURS) {
            return HookResult.DECLINED;
        }
        if (decision.accepted()) {
            return HookResult.OK;
        }
        LOGGER.info("refused {} from {}: {} {}", command, clientIp(session), decision.verdict(), decision.reason());
        ReverseSrsDecision.Verdict verdict = decision.verdict();
        return HookResult.builder()
            .hookReturnCode(verdict.replyCode() < 500 ? HookReturnCode.denySoft() : HookReturnCode.deny())
            .smtpReturnCode(String.valueOf(verdict.replyCode()))
            .smtpDescription(verdict.enhancedStatus() + " " + decision.reason())
            .build();
    }

    private static String clientIp(SMTPSession session) {
        return session.getRemoteAddress().getAddress().getHostAddress();
    }
}
