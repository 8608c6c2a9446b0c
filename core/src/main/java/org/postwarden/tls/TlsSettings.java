package org.postwarden.tls;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * conf/tls.properties: the operator's PEM certificate chain and private key, or neither, in which case a
 * self-signed certificate is made for {@code hostnames} (default: the machine's host name). Relative paths are
 * relative to the server's working directory.
 */
public record TlsSettings(Optional<Path> certificate, Optional<Path> privateKey, List<String> hostNames) {

    public static TlsSettings parse(Map<String, String> properties, Path workingDirectory, String machineHostName) {
        Optional<Path> certificate = path(properties, "certificate", workingDirectory);
        Optional<Path> privateKey = path(properties, "privateKey", workingDirectory);
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("tls.properties: set both certificate and privateKey (PEM files), or neither"
                + " for a self-signed certificate");
        }
        List<String> hostNames = Arrays.stream(properties.getOrDefault("hostnames", "").split(","))
            .map(String::trim)
            .filter(name -> !name.isEmpty())
            .toList();
        return new TlsSettings(certificate, privateKey, hostNames.isEmpty() ? List.of(machineHostName) : hostNames);
    }

    private static Optional<Path> path(Map<String, String> properties, String key, Path workingDirectory) {
        return Optional.ofNullable(properties.get(key))
            .map(String::trim)
            .filter(value -> !value.isEmpty())
            .map(value -> workingDirectory.resolve(value).toAbsolutePath().normalize());
    }
}
