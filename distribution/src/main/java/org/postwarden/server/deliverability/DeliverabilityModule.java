package org.postwarden.server.deliverability;

import java.nio.file.Path;
import java.time.Clock;

import javax.inject.Singleton;

import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.webadmin.Routes;
import org.postwarden.deliverability.CertificateSource;
import org.postwarden.deliverability.DeliverabilityDoctor;
import org.postwarden.deliverability.DkimCheck;
import org.postwarden.deliverability.DoctorConfiguration;
import org.postwarden.deliverability.PemCertificateFiles;
import org.postwarden.dkim.keys.DkimKeyManager;
import org.postwarden.dns.DnsResolver;
import org.postwarden.server.config.ConfigBindings;
import org.postwarden.webadmin.deliverability.DeliverabilityRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;

/**
 * The deliverability doctor over webadmin, checking through the server's DNS resolver and DKIM keys, with the
 * outbound address, HELO name and STARTTLS certificate of conf/deliverability.properties.
 */
public class DeliverabilityModule extends AbstractModule {

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(DeliverabilityRoutes.class);
        ConfigBindings.file(binder(), DoctorConfiguration.class);
    }

    @Provides
    @Singleton
    DeliverabilityDoctor doctor(DnsResolver resolver, DkimKeyManager keys, DoctorConfiguration configuration,
                                JamesDirectoriesProvider directories, Clock clock) {
        Path root = Path.of(directories.getRootDirectory());
        CertificateSource certificates = configuration.certificateFiles().isEmpty() ? CertificateSource.NONE
            : new PemCertificateFiles(configuration.certificateFiles().stream().map(root::resolve).toList());
        return DeliverabilityDoctor.standard(resolver, new DkimCheck(keys), certificates, configuration.tlsHostNames(), clock);
    }
}
