package org.postwarden.server.config;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.filesystem.FileSystemImpl;
import org.apache.james.utils.PropertiesProvider;
import org.postwarden.adminhttp.AdminGuardConfig;
import org.postwarden.config.ConfigFile;
import org.postwarden.deliverability.DoctorConfiguration;
import org.postwarden.dkim.keys.DkimConfig;
import org.postwarden.dmarc.report.DmarcReportConfig;
import org.postwarden.forward.ForwardingConfig;
import org.postwarden.greylist.GreylistConfig;
import org.postwarden.identity.IdentityConfig;
import org.postwarden.inbound.InboundConfig;
import org.postwarden.mtasts.MtaStsConfig;
import org.postwarden.quarantine.QuarantineConfig;
import org.postwarden.reputation.ReputationConfig;
import org.postwarden.server.storage.JpaDatabaseConfiguration;
import org.postwarden.throttle.ThrottleConfig;
import org.postwarden.throttle.auth.AuthGuardConfig;

/**
 * Our conf/*.properties files and the {@code XConfig.from} that owns each. {@link #run} reads them all before anything
 * starts, so that a misspelled key or a malformed value stops the start-up at once with one line naming the file, the
 * key and the value ({@link org.postwarden.config.ConfigurationError}), rather than when a module first needs it,
 * half-way through the start; the modules bind the same readers ({@link ConfigBindings}). tls.properties is read even
 * earlier, by the TLS certificate set-up; James reads the other keys of webadmin.properties.
 */
public final class ConfigurationCheck {

    /** conf/{@code name}.properties, read into a {@code type} by {@code reader}. */
    public record OurFile<C>(String name, Class<C> type, Function<ConfigFile, C> reader) {
    }

    static final List<OurFile<?>> FILES = List.of(
        new OurFile<>("auth-guard", AuthGuardConfig.class, AuthGuardConfig::from),
        new OurFile<>("authentication", InboundConfig.class, file -> InboundConfig.from(file, MachineName.canonical())),
        new OurFile<>("deliverability", DoctorConfiguration.class, DoctorConfiguration::from),
        new OurFile<>("dkim", DkimConfig.class, DkimConfig::from),
        new OurFile<>("dmarc-reports", DmarcReportConfig.class, DmarcReportConfig::from),
        new OurFile<>("greylist", GreylistConfig.class, GreylistConfig::from),
        new OurFile<>("identity", IdentityConfig.class, IdentityConfig::from),
        new OurFile<>("james-database", JpaDatabaseConfiguration.class, JpaDatabaseConfiguration::from),
        new OurFile<>("mta-sts", MtaStsConfig.class, MtaStsConfig::from),
        new OurFile<>("quarantine", QuarantineConfig.class, QuarantineConfig::from),
        new OurFile<>("reputation", ReputationConfig.class, ReputationConfig::from),
        new OurFile<>("srs", ForwardingConfig.class, ForwardingConfig::from),
        new OurFile<>("throttle", ThrottleConfig.class, ThrottleConfig::from),
        new OurFile<>("webadmin", AdminGuardConfig.class, AdminGuardConfig::from));

    private ConfigurationCheck() {
    }

    @SuppressWarnings("unchecked")
    static <C> OurFile<C> file(Class<C> type) {
        return (OurFile<C>) FILES.stream().filter(file -> file.type().equals(type)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(type + " reads none of our files"));
    }

    /** @throws org.postwarden.config.ConfigurationError for the first file, in name order, that cannot be used */
    public static void run(Configuration configuration) throws ConfigurationException {
        run(configuration, warning -> { });
    }

    /** {@code warnings}: the old spellings found, which the modules log when they read the files again. */
    public static void run(Configuration configuration, Consumer<String> warnings) throws ConfigurationException {
        PropertiesProvider provider = new PropertiesProvider(new FileSystemImpl(configuration.directories()),
            configuration.configurationPath());
        for (OurFile<?> file : FILES) {
            file.reader().apply(PropertiesFiles.read(provider, file.name(), warnings));
        }
    }
}
