package org.postwarden.server.forward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.utils.PropertiesProvider;
import org.postwarden.server.config.PropertiesFiles;
import org.postwarden.srs.Srs;
import org.postwarden.srs.SrsConfiguration;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * Forwarding: SRS (conf/srs.properties). Without a configured secret, one is generated at the first start into
 * var/srs/secret (readable by the server's user only) and kept: SRS addresses must survive restarts.
 */
public class ForwardingModule extends AbstractModule {
    private static final int SECRET_BYTES = 32;

    @Provides
    @Singleton
    SrsConfiguration configuration(PropertiesProvider propertiesProvider, JamesDirectoriesProvider directories) throws ConfigurationException {
        SrsConfiguration configuration = SrsConfiguration.from(PropertiesFiles.read(propertiesProvider, "srs"));
        return configuration.withDefaultSecret(generatedSecret(Path.of(directories.getRootDirectory()).resolve("var/srs/secret")));
    }

    @Provides
    @Singleton
    Srs srs(SrsConfiguration configuration, Clock clock) {
        return configuration.srs(clock);
    }

    private static String generatedSecret(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] secret = new byte[SECRET_BYTES];
                new SecureRandom().nextBytes(secret);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(secret), StandardCharsets.US_ASCII);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the SRS secret " + file, e);
        }
    }
}
