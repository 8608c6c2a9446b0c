package org.postwarden.mtasts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made with the JDK's keytool for the given DNS names, as a server key and as the one
 * trust anchor of a client. Used by the tests of other modules too (core's test-jar).
 */
public final class TestCertificates {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final KeyStore keyStore;

    private TestCertificates(KeyStore keyStore) {
        this.keyStore = keyStore;
    }

    public static TestCertificates selfSigned(Path directory, String... dnsNames) throws IOException, GeneralSecurityException {
        Path file = Files.createTempFile(directory, "server", ".p12");
        Files.delete(file);
        String san = "SAN=" + String.join(",", java.util.Arrays.stream(dnsNames).map(name -> "dns:" + name).toList());
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
            "-dname", "CN=" + dnsNames[0], "-ext", san, "-ext", "BC:c=ca:true",
            "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD))
            .redirectErrorStream(true).start();
        try {
            String output = new String(keytool.getInputStream().readAllBytes());
            if (keytool.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, PASSWORD);
        }
        return new TestCertificates(keyStore);
    }

    /** The server side: presents the certificate. */
    public SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A trust store holding only the certificate (PKCS12), to write as a file for configuration tests. */
    public KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("test-ca", keyStore.getCertificate("server"));
        return trust;
    }

    /** The client side: trusts only this certificate. */
    public SSLContext clientContext() throws GeneralSecurityException, IOException {
        return trusting(List.of(this));
    }

    public static SSLContext trusting(List<TestCertificates> anchors) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < anchors.size(); i++) {
            trust.setCertificateEntry("anchor-" + i, anchors.get(i).keyStore.getCertificate("server"));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
