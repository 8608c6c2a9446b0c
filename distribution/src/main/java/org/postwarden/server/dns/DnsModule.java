package org.postwarden.server.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.inject.Singleton;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.postwarden.dns.DnsJavaResolver;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.ZoneFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;

/**
 * One {@link DnsResolver} for the whole server, configured by conf/dnsservice.xml; James' {@link DNSService} is
 * answered by it too. Install with {@code overrideWith}: it replaces James' own dnsjava service.
 */
public class DnsModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(DnsModule.class);
    private static final int DNS_PORT = 53;

    @Override
    protected void configure() {
        bind(ResolverDnsService.class).in(Scopes.SINGLETON);
        bind(DNSService.class).to(ResolverDnsService.class);
    }

    @Provides
    @Singleton
    DnsResolver resolver(ConfigurationProvider configurationProvider, JamesDirectoriesProvider directories) throws ConfigurationException, IOException {
        Configuration configuration = configurationProvider.getConfiguration("dnsservice");
        String zoneFile = configuration.getString("zoneFile", "").trim();
        if (!zoneFile.isEmpty()) {
            Path zone = Path.of(directories.getRootDirectory()).resolve(zoneFile);
            LOGGER.warn("DNS answers come from the zone file {} (read again when it changes), not from the network", zone);
            return ZoneFile.load(zone);
        }
        DnsJavaResolver.Builder builder = DnsJavaResolver.builder()
            .timeout(Duration.ofSeconds(configuration.getLong("timeout", 5)));
        if (!configuration.getBoolean("autodiscover", true)) {
            List<InetSocketAddress> servers = configuration.getList(String.class, "servers.server", List.of()).stream()
                .map(server -> new InetSocketAddress(server, DNS_PORT))
                .toList();
            builder.servers(servers);
        }
        return builder.build();
    }
}
