package org.postwarden.server.mtasts;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;

import javax.inject.Singleton;

import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.postwarden.dns.DnsResolver;
import org.postwarden.mtasts.HttpsPolicyFetcher;
import org.postwarden.mtasts.MtaStsConfig;
import org.postwarden.mtasts.MtaStsConfiguration;
import org.postwarden.mtasts.MtaStsDeliverySettings;
import org.postwarden.mtasts.MtaStsResolver;
import org.postwarden.mtasts.PolicyCache;
import org.postwarden.mtasts.TlsConnector;
import org.postwarden.server.config.ConfigBindings;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * Outbound MTA-STS (RFC 8461) for the MtaStsDelivery mailet: policies discovered through the server's DNS resolver,
 * fetched and MX hosts reached over TLS trusting conf/mta-sts.properties' trust store, cached in memory; the
 * mailet's retry settings, also from mta-sts.properties.
 */
public class MtaStsModule extends AbstractModule {

    @Override
    protected void configure() {
        ConfigBindings.file(binder(), MtaStsConfig.class);
        ConfigBindings.part(binder(), MtaStsConfig.class, MtaStsConfiguration.class, MtaStsConfig::connection);
        ConfigBindings.part(binder(), MtaStsConfig.class, MtaStsDeliverySettings.class, MtaStsConfig::delivery);
    }

    @Provides
    @Singleton
    TlsConnector connector(MtaStsConfiguration configuration, DnsResolver resolver, JamesDirectoriesProvider directories)
        throws IOException, GeneralSecurityException {
        return new TlsConnector(resolver, configuration.trust(Path.of(directories.getRootDirectory())), configuration.timeout());
    }

    @Provides
    @Singleton
    MtaStsResolver resolver(MtaStsConfiguration configuration, DnsResolver resolver, TlsConnector connector, Clock clock) {
        return new MtaStsResolver(resolver, new HttpsPolicyFetcher(connector, configuration.httpsPort()), new PolicyCache(), clock);
    }
}
