package org.postwarden.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.postwarden.config.ConfigFile;
import org.postwarden.server.config.MachineName;
import org.postwarden.tls.ServerCertificate;
import org.postwarden.tls.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before James reads smtpserver.xml and imapserver.xml: resolves conf/tls.properties to the PEM pair the
 * servers present (generating the self-signed one under var/tls when none is configured) and publishes its location
 * as the system properties that the {@code <tls>} elements of those files refer to.
 */
public final class ServerCertificateSetup {
    public static final String CERTIFICATE_PROPERTY = "postwarden.tls.certificate";
    public static final String PRIVATE_KEY_PROPERTY = "postwarden.tls.privateKey";

    private static final Logger LOGGER = LoggerFactory.getLogger(ServerCertificateSetup.class);

    private ServerCertificateSetup() {
    }

    public static ServerCertificate prepare(JamesDirectoriesProvider directories) {
        Path root = Path.of(directories.getRootDirectory());
        TlsSettings settings = TlsSettings.parse(ConfigFile.of(TlsSettings.FILE,
            read(Path.of(directories.getConfDirectory()).resolve(TlsSettings.FILE)), LOGGER::warn), root, MachineName.canonical());
        ServerCertificate certificate = ServerCertificate.prepare(settings, root.resolve("var/tls"), Instant.now());
        log(certificate, settings);
        System.setProperty(CERTIFICATE_PROPERTY, certificate.certificate().toAbsolutePath().toString());
        System.setProperty(PRIVATE_KEY_PROPERTY, certificate.privateKey().toAbsolutePath().toString());
        return certificate;
    }

    private static void log(ServerCertificate certificate, TlsSettings settings) {
        if (!certificate.selfSigned()) {
            LOGGER.info("TLS: presenting the certificate {} with the key {} (conf/tls.properties)",
                certificate.certificate(), certificate.privateKey());
            return;
        }
        LOGGER.warn("TLS: presenting a SELF-SIGNED certificate for {} ({} {}); senders and clients that verify certificates"
                + " will not trust it. To replace it, set certificate= and privateKey= in conf/tls.properties to the PEM files"
                + " of a real certificate (e.g. Let's Encrypt fullchain.pem and privkey.pem) and restart.",
            settings.hostNames(), certificate.origin() == ServerCertificate.Origin.SELF_SIGNED_GENERATED ? "generated at" : "from",
            certificate.certificate());
    }

    private static Map<String, String> read(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> pairs = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> pairs.put(key, properties.getProperty(key)));
        return pairs;
    }
}
