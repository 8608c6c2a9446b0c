package org.postwarden.server.inbound;

import java.security.SecureRandom;
import java.time.Clock;

import javax.inject.Singleton;

import org.postwarden.dns.DnsResolver;
import org.postwarden.inbound.InboundAuthenticator;
import org.postwarden.inbound.InboundConfig;
import org.postwarden.server.config.ConfigBindings;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/** Inbound SPF, DKIM, ARC and DMARC, configured by conf/authentication.properties. */
public class InboundAuthenticationModule extends AbstractModule {

    @Override
    protected void configure() {
        ConfigBindings.file(binder(), InboundConfig.class);
    }

    @Provides
    @Singleton
    InboundAuthenticator authenticator(InboundConfig config, DnsResolver resolver, Clock clock) {
        return new InboundAuthenticator(resolver, clock, config.policy(), config.spfTimeBudget(), new SecureRandom());
    }
}
