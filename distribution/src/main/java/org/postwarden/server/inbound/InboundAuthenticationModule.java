package org.postwarden.server.inbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.postwarden.dns.DnsResolver;
import org.postwarden.common.Durations;
import org.postwarden.inbound.InboundAuthenticator;
import org.postwarden.inbound.InboundPolicy;
import org.postwarden.server.config.PropertiesFiles;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/** Inbound SPF, DKIM, ARC and DMARC, configured by conf/authentication.properties. */
public class InboundAuthenticationModule extends AbstractModule {

    @Provides
    @Singleton
    InboundAuthenticator authenticator(PropertiesProvider propertiesProvider, DnsResolver resolver, Clock clock) throws ConfigurationException {
        Map<String, String> properties = PropertiesFiles.read(propertiesProvider, "authentication");
        InboundPolicy policy = InboundPolicy.from(properties, localHostName());
        return new InboundAuthenticator(resolver, clock, policy,
            Durations.parse(properties.getOrDefault("spf.timeBudget", "20s")), new SecureRandom());
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
