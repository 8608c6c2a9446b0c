package org.postwarden.smtp.address;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.RcptCmdHandler;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postwarden.smtp.LocalDomains;
import org.postwarden.address.LocalPart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quoted local parts of recipients in our domains (RFC 5321 §4.1.2): {@code "alice"@example.com} is
 * {@code alice@example.com}, so the recipient is rewritten to that spelling for the hooks after this one and for
 * delivery; quoted content that is no dot-atom ({@code "x@evil"@example.com}) can be no user of ours and is refused
 * with {@code 550 5.1.1}. Recipients in other domains are left as they are. In smtpserver.xml, first in the
 * handlerchain, before the hooks that look recipients up:
 * <pre>{@code <handler class="org.postwarden.smtp.address.QuotedLocalPartHook"/>}</pre>
 */
public class QuotedLocalPartHook implements RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(QuotedLocalPartHook.class);

    private final DomainList domains;

    @Inject
    public QuotedLocalPartHook(DomainList domains) {
        this.domains = domains;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        if (!recipient.getLocalPart().startsWith("\"") || !LocalDomains.isLocal(domains, recipient)) {
            return HookResult.DECLINED;
        }
        if (LocalPart.of(recipient.getLocalPart()) instanceof LocalPart.DotString dotString) {
            try {
                // RcptCmdHandler reads the recipient from here for every later hook and for the envelope.
                session.setAttachment(RcptCmdHandler.CURRENT_RECIPIENT, new MailAddress(dotString.value(), recipient.getDomain()),
                    ProtocolSession.State.Transaction);
                return HookResult.DECLINED;
            } catch (AddressException e) {
                LOGGER.info("cannot unquote {}: {}", recipient.asString(), e.getMessage());
            }
        }
        return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("550")
            .smtpDescription("5.1.1 Unknown user: " + recipient.asString()).build();
    }

}
