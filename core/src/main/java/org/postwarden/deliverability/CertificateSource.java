package org.postwarden.deliverability;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/** Where the certificate chain the server presents in STARTTLS comes from. */
@FunctionalInterface
public interface CertificateSource {
    /** No certificate configured. */
    CertificateSource NONE = List::of;

    /** The chain, leaf first; empty when none is configured. Read at each call, so that a renewal shows. */
    List<X509Certificate> chain() throws IOException, CertificateException;
}
