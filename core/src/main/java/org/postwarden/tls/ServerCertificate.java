package org.postwarden.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Set;

/**
 * The PEM files the SMTP and IMAP servers present: the operator's when {@link TlsSettings} names them, otherwise a
 * self-signed pair kept in a directory of its own (var/tls), generated on the first start and reused afterwards.
 */
public record ServerCertificate(Path certificate, Path privateKey, Origin origin) {

    public enum Origin { CONFIGURED, SELF_SIGNED_GENERATED, SELF_SIGNED_REUSED }

    static final String CERTIFICATE_FILE = "self-signed-certificate.pem";
    static final String PRIVATE_KEY_FILE = "self-signed-key.pem";
    private static final Set<PosixFilePermission> KEY_MODE = PosixFilePermissions.fromString("rw-------");

    public static ServerCertificate prepare(TlsSettings settings, Path selfSignedDirectory, Instant now) {
        if (settings.certificate().isPresent()) {
            requireReadable(settings.certificate().get(), "certificate");
            requireReadable(settings.privateKey().get(), "privateKey");
            return new ServerCertificate(settings.certificate().get(), settings.privateKey().get(), Origin.CONFIGURED);
        }
        Path certificate = selfSignedDirectory.resolve(CERTIFICATE_FILE);
        Path privateKey = selfSignedDirectory.resolve(PRIVATE_KEY_FILE);
        if (Files.isRegularFile(certificate) && Files.isRegularFile(privateKey)) {
            return new ServerCertificate(certificate, privateKey, Origin.SELF_SIGNED_REUSED);
        }
        write(SelfSignedCertificate.generate(settings.hostNames(), now), certificate, privateKey);
        return new ServerCertificate(certificate, privateKey, Origin.SELF_SIGNED_GENERATED);
    }

    public boolean selfSigned() {
        return origin != Origin.CONFIGURED;
    }

    private static void requireReadable(Path file, String key) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("tls.properties: " + key + " " + file + " is not a readable file");
        }
    }

    private static void write(SelfSignedCertificate generated, Path certificate, Path privateKey) {
        try {
            Files.createDirectories(certificate.getParent());
            // The key is written to a file created 0600 and moved into place, so it is never readable by others,
            // and a crash midway leaves no half pair that a later start would take for a complete one.
            Path keyDraft = Files.createTempFile(privateKey.getParent(), "key", ".tmp", PosixFilePermissions.asFileAttribute(KEY_MODE));
            Files.writeString(keyDraft, Pem.encode("PRIVATE KEY", generated.privateKey().getEncoded()),
                StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            Files.writeString(certificate, Pem.encode("CERTIFICATE", generated.certificate().getEncoded()), StandardCharsets.US_ASCII);
            Files.move(keyDraft, privateKey, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the self-signed certificate to " + certificate.getParent(), e);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
