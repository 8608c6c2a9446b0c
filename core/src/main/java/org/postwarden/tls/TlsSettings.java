package org.postwarden.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.postwarden.config.ConfigFile;
import org.postwarden.config.ConfigurationError;

/**
 * conf/tls.properties: the operator's PEM certificate chain and private key, or neither, in which case a
 * self-signed certificate is made for {@code hostnames} (default: the machine's host name). Relative paths are
 * relative to the server's working directory.
 */
public record TlsSettings(Optional<Path> certificate, Optional<Path> privateKey, List<String> hostNames) {

    public static final String FILE = "tls.properties";

    public static TlsSettings parse(Map<String, String> properties, Path workingDirectory, String machineHostName) {
        return parse(ConfigFile.of(FILE, properties), workingDirectory, machineHostName);
    }

    public static TlsSettings parse(ConfigFile file, Path workingDirectory, String machineHostName) {
        Optional<Path> certificate = file.optional("certificate").map(value -> resolve(workingDirectory, value));
        Optional<Path> privateKey = file.optional("privateKey").map(value -> resolve(workingDirectory, value));
        List<String> hostNames = file.list("hostnames");
        file.rejectUnknownKeys();
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new ConfigurationError(FILE, "set both certificate and privateKey (PEM files), or neither for a"
                + " self-signed certificate; certificate=" + file.string("certificate", "") + ", privateKey="
                + file.string("privateKey", ""));
        }
        return new TlsSettings(certificate, privateKey, hostNames.isEmpty() ? List.of(machineHostName) : hostNames);
    }

    private static Path resolve(Path workingDirectory, String value) {
        return workingDirectory.resolve(value).toAbsolutePath().normalize();
    }
}
