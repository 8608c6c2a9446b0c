package org.postwarden.smtp.srs;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.postwarden.srs.SrsConfiguration;
import org.postwarden.srs.SrsException;
import org.postwarden.srs.keys.SrsKeyring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reverse SRS at RCPT: a recipient that is one of our SRS addresses (a bounce of a forward) is accepted when its
 * hash and age are good, so that SrsReverse delivers it to the original sender, and refused with 550 otherwise
 * (forged or expired: no backscatter). SRS addresses of other forwarders are ordinary addresses. In smtpserver.xml,
 * before ValidRcptHandler: <pre>{@code <handler class="org.postwarden.smtp.srs.SrsRecipientHook"/>}</pre>
 */
public class SrsRecipientHook implements RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SrsRecipientHook.class);

    private final SrsKeyring keyring;
    private final SrsConfiguration configuration;

    @Inject
    public SrsRecipientHook(SrsKeyring keyring, SrsConfiguration configuration) {
        this.keyring = keyring;
        this.configuration = configuration;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        if (!configuration.isOurs(recipient.asString())) {
            return HookResult.DECLINED;
        }
        try {
            keyring.srs().reverse(recipient.asString());
            return HookResult.OK;
        } catch (SrsException e) {
            if (e.reason() == SrsException.Reason.NOT_SRS) {
                return HookResult.DECLINED;
            }
            LOGGER.info("refused SRS recipient <{}> from {}: {}", recipient.asString(),
                session.getRemoteAddress().getAddress().getHostAddress(), e.getMessage());
            return HookResult.builder().hookReturnCode(HookReturnCode.deny()).smtpReturnCode("550")
                .smtpDescription("5.1.1 <" + recipient.asString() + ">: invalid SRS address (" + e.reason().label() + ")").build();
        }
    }
}
