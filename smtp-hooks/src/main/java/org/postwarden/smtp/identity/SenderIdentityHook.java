package org.postwarden.smtp.identity;

import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.postwarden.smtp.LocalDomains;
import org.postwarden.dkim.RawMessage;
import org.postwarden.dns.DnsResolver;
import org.postwarden.glue.MessageBytes;
import org.postwarden.identity.SenderIdentityPolicy;
import org.postwarden.spf.SpfStatus;
import org.postwarden.spf.SpfVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nobody sends as somebody else (conf/identity.properties): an authenticated user's MAIL FROM and the From and
 * Sender headers must be theirs, and an unauthenticated client may not use our domains as MAIL FROM unless SPF
 * passes. Violations get {@code 550 5.7.1} with the reason, during the SMTP session. In smtpserver.xml, before
 * CoreCmdHandlerLoader:
 * <pre>{@code <handler class="org.postwarden.smtp.identity.SenderIdentityHook"/>}</pre>
 */
public class SenderIdentityHook implements MailHook, JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SenderIdentityHook.class);

    private final SenderIdentityPolicy policy;
    private final DomainList domains;
    private final SpfVerifier spf;

    @Inject
    public SenderIdentityHook(SenderIdentityPolicy policy, DomainList domains, DnsResolver resolver) {
        this.policy = policy;
        this.domains = domains;
        this.spf = new SpfVerifier(resolver);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (sender.isNullSender()) {
            return HookResult.DECLINED;
        }
        String mailFrom = sender.get().asString();
        if (session.getUsername() != null) {
            String user = session.getUsername().asString();
            return policy.mayUse(user, mailFrom) ? HookResult.DECLINED
                : refuse(session, "MAIL FROM <" + mailFrom + "> is not one of " + user + "'s addresses");
        }
        if (session.isRelayingAllowed() || !LocalDomains.isLocal(domains, sender.get())) {
            return HookResult.DECLINED;
        }
        return switch (policy.unauthenticatedLocalSender()) {
            case ALLOW -> HookResult.DECLINED;
            case REJECT -> refuse(session, "<" + mailFrom + "> is a local address: authenticate to send as it");
            case SPF -> spfPasses(session, mailFrom) ? HookResult.DECLINED
                : refuse(session, "<" + mailFrom + "> is a local address and SPF does not authorize your IP: authenticate to send as it");
        };
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (session.getUsername() == null) {
            return HookResult.DECLINED;
        }
        try {
            Optional<String> violation = policy.headerViolation(session.getUsername().asString(), RawMessage.parse(MessageBytes.read(mail)));
            return violation.map(reason -> refuse(session, reason)).orElse(HookResult.DECLINED);
        } catch (MessagingException e) {
            LOGGER.error("cannot read the submitted message to check its sender", e);
            return HookResult.builder().hookReturnCode(HookReturnCode.denySoft()).smtpReturnCode("451")
                .smtpDescription("4.3.0 Temporary failure while reading the message, try again later").build();
        }
    }

    private boolean spfPasses(SMTPSession session, String mailFrom) {
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection).orElse("");
        return spf.check(session.getRemoteAddress().getAddress(), mailFrom, helo).status() == SpfStatus.PASS;
    }


    private static HookResult refuse(SMTPSession session, String reason) {
        LOGGER.info("refused sender identity from {} (user {}): {}", session.getRemoteAddress().getAddress().getHostAddress(),
            session.getUsername() == null ? "-" : session.getUsername().asString(), reason);
        return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("550")
            .smtpDescription("5.7.1 " + reason).build();
    }
}
