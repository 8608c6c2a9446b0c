package org.postwarden.server.smtp;

import org.apache.james.protocols.smtp.core.esmtp.MailSizeEsmtpExtension;
import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.postwarden.smtp.data.MessageLimits;
import org.postwarden.smtp.server.PostwardenSmtpServerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * James' SMTP servers with Postwarden's network-level guards (connection hygiene, overlong DATA lines refused with
 * the whole message at the end of DATA) and SIZE and size refusals that follow RFC 1870 ({@link MessageLimits}).
 * Replaces James' SMTPServerFactory binding, so it is applied with {@code overrideWith}.
 */
public class SmtpServerModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(PostwardenSmtpServerFactory.class).in(Scopes.SINGLETON);
        bind(SMTPServerFactory.class).to(PostwardenSmtpServerFactory.class);
        bind(MailSizeEsmtpExtension.class).to(MessageLimits.class);
    }
}
