package org.postwarden.server.tls;

import org.apache.james.protocols.smtp.core.ReceivedDataLineFilter;
import org.apache.james.smtpserver.UsersRepositoryAuthHook;
import org.postwarden.smtp.tls.EncryptedAuthHook;
import org.postwarden.smtp.tls.TlsReceivedDataLineFilter;

import com.google.inject.AbstractModule;

/**
 * James instantiates the handlers of CoreCmdHandlerLoader through Guice, so binding two of them to ours changes every
 * SMTP server without touching their handler chains: the Received header names the TLS protocol and cipher, and
 * AUTH sent in clear text is refused where the server requires TLS for it.
 */
public class TlsModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(ReceivedDataLineFilter.class).to(TlsReceivedDataLineFilter.class);
        bind(UsersRepositoryAuthHook.class).to(EncryptedAuthHook.class);
    }
}
