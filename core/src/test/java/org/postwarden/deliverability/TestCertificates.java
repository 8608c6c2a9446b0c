package org.postwarden.deliverability;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * X.509 certificates for tests, built with bcprov's ASN.1 classes (bcpkix is not a dependency) and signed with
 * ECDSA P-256 through the JDK.
 */
public final class TestCertificates {
    private static final AlgorithmIdentifier ECDSA_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    private static final AtomicLong SERIAL = new AtomicLong(1);

    /** A certificate with the key pair it certifies, to issue others with. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
    }

    private TestCertificates() {
    }

    public static Issued selfSigned(String commonName, Instant notBefore, Instant notAfter, String... dnsNames) {
        KeyPair keys = newKeys();
        return new Issued(sign(commonName, commonName, keys, keys.getPrivate(), notBefore, notAfter, dnsNames), keys);
    }

    public static Issued issuedBy(Issued issuer, String commonName, Instant notBefore, Instant notAfter, String... dnsNames) {
        KeyPair keys = newKeys();
        String issuerName = issuer.certificate().getSubjectX500Principal().getName();
        return new Issued(sign(issuerName, "CN=" + commonName, keys, issuer.keys().getPrivate(), notBefore, notAfter, dnsNames), keys);
    }

    /** The certificates as a PEM file's text, in the order given. */
    public static String pem(X509Certificate... chain) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return pem.toString();
    }

    private static X509Certificate sign(String issuer, String subject, KeyPair keys, PrivateKey signer,
                                        Instant notBefore, Instant notAfter, String... dnsNames) {
        try {
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(SERIAL.getAndIncrement())));
            tbs.setIssuer(name(issuer));
            tbs.setSubject(name(subject));
            tbs.setStartDate(new Time(Date.from(notBefore)));
            tbs.setEndDate(new Time(Date.from(notAfter)));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
            tbs.setSignature(ECDSA_SHA256);
            if (dnsNames.length > 0) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(Arrays.stream(dnsNames)
                    .map(dnsName -> new GeneralName(GeneralName.dNSName, dnsName)).toArray(GeneralName[]::new)));
                tbs.setExtensions(extensions.generate());
            }
            TBSCertificate toSign = tbs.generateTBSCertificate();
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(signer);
            signature.update(toSign.getEncoded(ASN1Encoding.DER));
            Certificate certificate = Certificate.getInstance(new DERSequence(new ASN1Encodable[] {
                toSign, ECDSA_SHA256, new DERBitString(signature.sign())}));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.getEncoded(ASN1Encoding.DER)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name name(String name) {
        return new X500Name(name.startsWith("CN=") ? name : "CN=" + name);
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
