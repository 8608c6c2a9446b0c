package org.postwarden.server.smtp;

import org.apache.james.protocols.smtp.core.esmtp.MailSizeEsmtpExtension;
import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.postwarden.smtp.data.MessageLimits;
import org.postwarden.smtp.data.PostwardenSmtpServerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * SMTP servers whose overlong DATA lines are refused with the whole message at the end of DATA, and whose SIZE and
 * size refusals follow RFC 1870 ({@link MessageLimits}). Replaces James' SMTPServerFactory binding, so it is applied
 * with {@code overrideWith}.
 */
public class SmtpLimitsModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(PostwardenSmtpServerFactory.class).in(Scopes.SINGLETON);
        bind(SMTPServerFactory.class).to(PostwardenSmtpServerFactory.class);
        bind(MailSizeEsmtpExtension.class).to(MessageLimits.class);
    }
}
