package org.postwarden.deliverability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** A chain read from PEM files, in order, each holding one or more certificates (leaf first). */
public final class PemCertificateFiles implements CertificateSource {
    private final List<Path> files;

    public PemCertificateFiles(List<Path> files) {
        this.files = List.copyOf(files);
    }

    @Override
    public List<X509Certificate> chain() throws IOException, CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (Certificate certificate : factory.generateCertificates(in)) {
                    chain.add((X509Certificate) certificate);
                }
            }
        }
        if (!files.isEmpty() && chain.isEmpty()) {
            throw new CertificateException("no certificate in " + files);
        }
        return chain;
    }
}
