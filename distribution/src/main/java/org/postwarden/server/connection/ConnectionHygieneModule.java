package org.postwarden.server.connection;

import org.apache.james.smtpserver.netty.SMTPServerFactory;
import org.postwarden.smtp.connection.HygienicSmtpServerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * Every SMTP server of smtpserver.xml with Postwarden's connection hygiene (per-address cap answered with 421,
 * command deadline, pregreet test): replaces James' SMTP server factory, so it is applied with {@code overrideWith}.
 */
public class ConnectionHygieneModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(HygienicSmtpServerFactory.class).in(Scopes.SINGLETON);
        bind(SMTPServerFactory.class).to(HygienicSmtpServerFactory.class);
    }
}
