package org.postwarden.smtp.hygiene;

import java.time.Clock;

import javax.mail.MessagingException;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.postwarden.dkim.RawMessage;
import org.postwarden.glue.MessageBytes;
import org.postwarden.hygiene.HygieneVerdict;
import org.postwarden.hygiene.MessageHygiene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 5322 hygiene of what authenticated users submit ({@link MessageHygiene}), at the end of DATA: a malformed
 * message is refused with 550 and the reason, a missing Date or Message-ID is appended to the header (before DKIM
 * signing, so the signature covers it) and logged. Unauthenticated sessions are not ours to fix. Only in the
 * submission server's handlerchain of smtpserver.xml, before SenderIdentityHook and CoreCmdHandlerLoader:
 * <pre>{@code <handler class="org.postwarden.smtp.hygiene.SubmissionHygieneHook"/>}</pre>
 */
public class SubmissionHygieneHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SubmissionHygieneHook.class);

    private final MessageHygiene hygiene = new MessageHygiene(Clock.systemDefaultZone());

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (session.getUsername() == null) {
            return HookResult.DECLINED;
        }
        try {
            RawMessage message = RawMessage.parse(MessageBytes.readAsReceived(mail));
            HygieneVerdict verdict = hygiene.check(message, session.getConfiguration().getHelloName());
            return switch (verdict.status()) {
                case OK -> HookResult.DECLINED;
                case ADD_FIELDS -> complete(session, mail, message, verdict);
                case REFUSE -> refuse(session, verdict);
            };
        } catch (MessagingException e) {
            LOGGER.error("cannot read the submitted message to check its header", e);
            return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("451")
                .smtpDescription("4.3.0 Temporary failure while reading the message, try again later").build();
        }
    }

    private static HookResult complete(SMTPSession session, Mail mail, RawMessage message, HygieneVerdict verdict)
        throws MessagingException {
        MessageBytes.replace(mail, message.appendHeaders(verdict.addedFields()));
        LOGGER.info("added to the message {} submitted by {}: {}", mail.getName(), session.getUsername().asString(),
            String.join(" | ", verdict.addedFields()));
        return HookResult.DECLINED;
    }

    private static HookResult refuse(SMTPSession session, HygieneVerdict verdict) {
        LOGGER.info("refused a message submitted by {} from {}: {} {}", session.getUsername().asString(),
            session.getRemoteAddress().getAddress().getHostAddress(), verdict.enhancedCode(), verdict.reason());
        return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("550")
            .smtpDescription(verdict.enhancedCode() + " " + verdict.reason()).build();
    }
}
