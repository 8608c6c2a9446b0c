package org.postwarden.server.dmarc;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;

import javax.inject.Provider;
import javax.inject.Singleton;
import javax.sql.DataSource;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.webadmin.Routes;
import org.postwarden.dmarc.report.AggregateReportStore;
import org.postwarden.dmarc.report.AggregateReporter;
import org.postwarden.dmarc.report.DmarcReportConfig;
import org.postwarden.dmarc.report.DmarcReportLog;
import org.postwarden.dmarc.report.ReportDestinations;
import org.postwarden.dmarc.report.jdbc.JdbcAggregateReportStore;
import org.postwarden.dns.DnsResolver;
import org.postwarden.server.config.ConfigBindings;
import org.postwarden.server.config.ScheduledJobs;
import org.postwarden.webadmin.dmarc.DmarcReportRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * DMARC aggregate reports (RFC 7489 §7.2), configured by conf/dmarc-reports.properties: the evaluations of incoming
 * mail kept in the shared database, the daily run that reports them to the domains asking for it, and the webadmin
 * routes.
 */
public class DmarcReportingModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(DmarcReportingModule.class);

    @Override
    protected void configure() {
        ConfigBindings.file(binder(), DmarcReportConfig.class);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(DmarcReportRoutes.class);
    }

    @Provides
    @Singleton
    AggregateReportStore store(Provider<DataSource> dataSource) {
        return new JdbcAggregateReportStore(dataSource.get());
    }

    @Provides
    @Singleton
    DmarcReportLog log(AggregateReportStore store, DmarcReportConfig config) {
        return config.enabled() ? store : DmarcReportLog.DISABLED;
    }

    @Provides
    @Singleton
    AggregateReporter reporter(AggregateReportStore store, DnsResolver resolver, MailQueueFactory<?> queues,
                               DomainList domains, Clock clock, DmarcReportConfig config) {
        return new AggregateReporter(store, new ReportDestinations(resolver), new SpoolReportSender(queues),
            reporter(domains, config), clock, new SecureRandom());
    }

    /** Every {@code interval}, first at the next {@code sendAt}; not started when {@code enabled=false}. */
    @ProvidesIntoSet
    InitializationOperation dailyRun(ScheduledJobs jobs, AggregateReporter reporter, Clock clock, DmarcReportConfig config) {
        if (!config.enabled()) {
            return jobs.none();
        }
        return jobs.every("dmarc-aggregate-reports", config.untilFirstRun(clock), config.interval(), () -> {
            AggregateReporter.RunSummary summary = reporter.run();
            LOGGER.info("DMARC aggregate reports: {} closed, sent {}, undeliverable {}, retrying {}", summary.reportsClosed(),
                summary.sent(), summary.undeliverable(), summary.retrying());
        });
    }

    /** reporterAddress= (default dmarc-reports@ the default domain) and orgName= (default its domain). */
    private static Supplier<AggregateReporter.Reporter> reporter(DomainList domains, DmarcReportConfig config) {
        return () -> {
            String from = config.reporterAddress().orElseGet(() -> "dmarc-reports@" + defaultDomain(domains));
            return new AggregateReporter.Reporter(config.orgName().orElse(from.substring(from.lastIndexOf('@') + 1)),
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
