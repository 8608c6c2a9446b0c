package org.postwarden.server.dmarc;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.inject.Provider;
import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.webadmin.Routes;
import org.postwarden.dmarc.report.AggregateReportStore;
import org.postwarden.dmarc.report.AggregateReporter;
import org.postwarden.dmarc.report.DmarcReportLog;
import org.postwarden.dmarc.report.ReportDestinations;
import org.postwarden.dmarc.report.jdbc.JdbcAggregateReportStore;
import org.postwarden.dns.DnsResolver;
import org.postwarden.server.config.PropertiesFiles;
import org.postwarden.webadmin.dmarc.DmarcReportRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

/**
 * DMARC aggregate reports (RFC 7489 §7.2), configured by conf/dmarc-reports.properties: the evaluations of incoming
 * mail kept in the shared database, the daily run that reports them to the domains asking for it, and the webadmin
 * routes.
 */
public class DmarcReportingModule extends AbstractModule {

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(DmarcReportRoutes.class);
        bind(DailyReportRun.class).asEagerSingleton();
    }

    static boolean enabled(Map<String, String> properties) {
        return Boolean.parseBoolean(properties.getOrDefault("enabled", "true").trim());
    }

    @Provides
    @Singleton
    @DmarcReportProperties
    Map<String, String> properties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return PropertiesFiles.read(propertiesProvider, "dmarc-reports");
    }

    @Provides
    @Singleton
    AggregateReportStore store(Provider<DataSource> dataSource) {
        return new JdbcAggregateReportStore(dataSource.get());
    }

    @Provides
    @Singleton
    DmarcReportLog log(AggregateReportStore store, @DmarcReportProperties Map<String, String> properties) {
        return enabled(properties) ? store : DmarcReportLog.DISABLED;
    }

    @Provides
    @Singleton
    AggregateReporter reporter(AggregateReportStore store, DnsResolver resolver, MailQueueFactory<?> queues,
                               DomainList domains, Clock clock, @DmarcReportProperties Map<String, String> properties) {
        return new AggregateReporter(store, new ReportDestinations(resolver), new SpoolReportSender(queues),
            reporter(domains, properties), clock, new SecureRandom());
    }

    /** reporterAddress= (default dmarc-reports@ the default domain) and orgName= (default its domain). */
    private static Supplier<AggregateReporter.Reporter> reporter(DomainList domains, Map<String, String> properties) {
        String address = properties.getOrDefault("reporterAddress", "").trim();
        String orgName = properties.getOrDefault("orgName", "").trim();
        return () -> {
            String from = address.isEmpty() ? "dmarc-reports@" + defaultDomain(domains) : address;
            return new AggregateReporter.Reporter(orgName.isEmpty() ? from.substring(from.lastIndexOf('@') + 1) : orgName,
                from.toLowerCase(Locale.ROOT));
        };
    }

    private static String defaultDomain(DomainList domains) {
        try {
            return domains.getDefaultDomain().asString();
        } catch (DomainListException e) {
            throw new IllegalStateException("dmarc-reports.properties: no reporterAddress and no default domain: "
                + e.getMessage(), e);
        }
    }
}
