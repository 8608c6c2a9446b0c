package org.postwarden.server;

import java.util.Optional;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.NaiveDelegationStoreModule;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.modules.mailbox.MemoryDeadLetterModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.DefaultProcessorsConfigurationProviderModule;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailRepositoriesRoutesModule;
import org.apache.james.modules.server.MailboxRoutesModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.SieveRoutesModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.server.core.configuration.Configuration;
import org.postwarden.config.ConfigurationError;
import org.postwarden.server.config.ConfigurationCheck;
import org.postwarden.server.deliverability.DeliverabilityModule;
import org.postwarden.server.dkim.DkimSigningModule;
import org.postwarden.server.dmarc.DmarcReportingModule;
import org.postwarden.server.dns.DnsModule;
import org.postwarden.server.forward.ForwardingModule;
import org.postwarden.server.greylist.GreylistModule;
import org.postwarden.server.identity.SenderIdentityModule;
import org.postwarden.server.inbound.InboundAuthenticationModule;
import org.postwarden.server.mtasts.MtaStsModule;
import org.postwarden.server.quarantine.QuarantineModule;
import org.postwarden.server.reputation.ReputationModule;
import org.postwarden.server.smtp.SmtpServerModule;
import org.postwarden.server.storage.ActiveMqQueueModule;
import org.postwarden.server.storage.JdbcDataSourceModule;
import org.postwarden.server.storage.JpaDataModule;
import org.postwarden.server.storage.JpaEntityManagerModule;
import org.postwarden.server.storage.JpaMailboxModule;
import org.postwarden.server.throttle.AuthGuardModule;
import org.postwarden.server.throttle.ThrottleModule;
import org.postwarden.server.tls.ServerCertificateSetup;
import org.postwarden.server.tls.TlsModule;
import org.postwarden.server.webadmin.DeprecatedPathsModule;
import org.postwarden.server.webadmin.WebAdminGuardModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Module;
import com.google.inject.util.Modules;

/**
 * The Postwarden server: James 3.8.1 (SMTP, IMAP, mailet container, webadmin) on persistent embedded storage
 * (JPA over Derby or PostgreSQL, ActiveMQ/KahaDB queue, file mail repositories), with Postwarden's modules.
 * The working directory ({@code -Dworking.directory}) holds conf/ and var/.
 */
public class PostwardenServerMain implements JamesServerMain {
    private static final Logger LOGGER = LoggerFactory.getLogger(PostwardenServerMain.class);

    public static final Module WEBADMIN = Modules.combine(
        new WebAdminServerModule(),
        new DataRoutesModules(),
        new MailboxRoutesModule(),
        new MailQueueRoutesModule(),
        new MailRepositoriesRoutesModule(),
        new SieveRoutesModule(),
        new WebAdminGuardModule());

    public static final Module PROTOCOLS = Modules.combine(
        new ProtocolHandlerModule(),
        new SMTPServerModule(),
        new IMAPServerModule(),
        WEBADMIN);

    public static final Module STORAGE = Modules.combine(
        new JpaEntityManagerModule(),
        new JpaDataModule(),
        new JpaMailboxModule(),
        new ActiveMqQueueModule(),
        new NaiveDelegationStoreModule(),
        new DefaultEventModule(),
        new MemoryDeadLetterModule());

    public static final Module POSTWARDEN = Modules.combine(
        new JdbcDataSourceModule(),
        new GreylistModule(),
        new InboundAuthenticationModule(),
        new DmarcReportingModule(),
        new SenderIdentityModule(),
        new DkimSigningModule(),
        new DeliverabilityModule(),
        new DeprecatedPathsModule(),
        new ForwardingModule(),
        new QuarantineModule(),
        new ThrottleModule(),
        new AuthGuardModule(),
        new MtaStsModule(),
        new ReputationModule(),
        new TlsModule());

    public static final Module MODULES = Modules.combine(
        new MailetProcessingModule(),
        new MailboxModule(),
        new DefaultProcessorsConfigurationProviderModule(),
        new RawPostDequeueDecoratorModule(),
        new TaskManagerModule(),
        new NoJwtModule(),
        STORAGE,
        PROTOCOLS,
        POSTWARDEN);

    /** Replace James bindings; applied with {@code overrideWith}. */
    public static final Module OVERRIDES = Modules.combine(
        new DnsModule(),
        AuthGuardModule.OVERRIDES,
        new SmtpServerModule());

    /** A configuration error ends the start-up with its one line in the log, without a stack trace to read. */
    public static void main(String[] args) throws Exception {
        ExtraProperties.initialize();
        Configuration configuration = Configuration.builder()
            .useWorkingDirectoryEnvProperty()
            .build();
        try {
            JamesServerMain.main(createServer(configuration));
        } catch (Exception e) {
            Optional<ConfigurationError> error = ConfigurationError.causing(e);
            if (error.isEmpty()) {
                throw e;
            }
            LOGGER.error("Cannot start: {}", error.get().getMessage());
            System.exit(1);
        }
    }

    /**
     * Also prepares the TLS certificate, which the SMTP and IMAP configuration refer to, after checking every one of
     * our .properties files ({@link ConfigurationCheck}).
     *
     * @throws ConfigurationError for a misspelled key or a malformed value, naming the file, the key and the value
     */
    public static GuiceJamesServer createServer(Configuration configuration) throws ConfigurationException {
        ServerCertificateSetup.prepare(configuration.directories());
        ConfigurationCheck.run(configuration);
        return GuiceJamesServer.forConfiguration(configuration)
            .combineWith(MODULES)
            .overrideWith(OVERRIDES);
    }
}
