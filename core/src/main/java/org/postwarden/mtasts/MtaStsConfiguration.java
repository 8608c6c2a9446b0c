package org.postwarden.mtasts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.postwarden.config.ConfigFile;

/**
 * The connection settings of conf/mta-sts.properties (the delivery settings are {@link MtaStsDeliverySettings}).
 *
 * @param trustStore         {@code trustStore}: PKCS12 or JKS file of the CAs trusted for policy hosts and MX hosts,
 *                           relative to the distribution root; unset: the JDK's default CAs
 * @param trustStorePassword {@code trustStorePassword}
 * @param timeout            {@code timeout} in seconds (default 30): connect, read and whole policy fetch
 * @param httpsPort          {@code httpsPort} (443): only tests change it
 * @param smtpPort           {@code smtpPort} (25): only tests change it
 */
public record MtaStsConfiguration(Optional<String> trustStore, String trustStorePassword, Duration timeout,
                                  int httpsPort, int smtpPort) {
    public MtaStsConfiguration {
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** @throws IllegalArgumentException for a value that is not a number or a port */
    public static MtaStsConfiguration from(Map<String, String> properties) {
        return from(ConfigFile.of(MtaStsConfig.FILE, properties));
    }

    public static MtaStsConfiguration from(ConfigFile file) {
        return new MtaStsConfiguration(
            file.optional("trustStore"),
            file.string("trustStorePassword", ""),
            Duration.ofSeconds(file.integer("timeout", 30, 1, 600)),
            file.integer("httpsPort", HttpsPolicyFetcher.HTTPS_PORT, 1, 65535),
            file.integer("smtpPort", EnforcedDelivery.SMTP_PORT, 1, 65535));
    }

    /** TLS trusting the configured trust store, or the JDK's CAs; {@code root} resolves a relative path. */
    public SSLContext trust(Path root) throws IOException, GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trustStore.isPresent()) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try (InputStream in = Files.newInputStream(root.resolve(trustStore.get()))) {
                store.load(in, trustStorePassword.toCharArray());
            }
            factory.init(store);
        } else {
            factory.init((KeyStore) null);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
