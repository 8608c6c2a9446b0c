package org.postwarden.server.tls;

import org.apache.james.protocols.smtp.core.ReceivedDataLineFilter;
import org.postwarden.smtp.tls.TlsReceivedDataLineFilter;

import com.google.inject.AbstractModule;

/**
 * James instantiates the handlers of CoreCmdHandlerLoader through Guice, so binding one of them to ours changes every
 * SMTP server without touching their handler chains: the Received header names the TLS protocol and cipher. The
 * refusal of AUTH sent in clear text ({@link org.postwarden.smtp.tls.EncryptedAuthHook}) is bound by
 * {@link org.postwarden.server.throttle.AuthGuardModule}, whose SMTP AUTH hook extends it.
 */
public class TlsModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(ReceivedDataLineFilter.class).to(TlsReceivedDataLineFilter.class);
    }
}
