package org.postwarden.dkim;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/** A verification key, checked through the {@link DkimCrypto#active() active} provider. */
public sealed interface DkimPublicKey {
    DkimKeyType type();

    /** Key size in bits: the RSA modulus length, or 256 for Ed25519. */
    int bits();

    /** Checks a sha256 signature ({@code a=rsa-sha256} or {@code a=ed25519-sha256}) over {@code data}. */
    boolean verify(byte[] data, byte[] signature);

    /** The p= value: SubjectPublicKeyInfo for RSA (RFC 6376 §3.6.1), the raw 32 octets for Ed25519 (RFC 8463 §4). */
    byte[] encoded();

    /** The TXT record to publish at {@code selector._domainkey.domain}. */
    default String dnsRecord() {
        return "v=DKIM1; k=" + type().tagValue() + "; p=" + Base64.getEncoder().encodeToString(encoded());
    }

    /** Decodes a p= value. RSA keys may be SubjectPublicKeyInfo or, as some publish, a bare PKCS#1 RSAPublicKey. */
    static DkimPublicKey decode(DkimKeyType type, byte[] p) throws DkimException {
        try {
            if (type == DkimKeyType.ED25519) {
                if (p.length != Ed25519PublicKeyParameters.KEY_SIZE) {
                    throw new DkimException(DkimFailure.Reason.KEY_SYNTAX, "ed25519 key must be 32 octets, got " + p.length);
                }
                return new Ed25519(new Ed25519PublicKeyParameters(p, 0));
            }
            DkimCrypto crypto = DkimCrypto.active();
            if (p.length > 0 && p[0] == 0x30 && isSubjectPublicKeyInfo(p)) {
                return new Rsa(crypto.rsaPublicKey(new X509EncodedKeySpec(p)));
            }
            org.bouncycastle.asn1.pkcs.RSAPublicKey pkcs1 = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(p);
            return new Rsa(crypto.rsaPublicKey(new RSAPublicKeySpec(pkcs1.getModulus(), pkcs1.getPublicExponent())));
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            throw new DkimException(DkimFailure.Reason.KEY_SYNTAX, "invalid " + type.tagValue() + " key: " + e.getMessage());
        }
    }

    private static boolean isSubjectPublicKeyInfo(byte[] der) {
        // SubjectPublicKeyInfo starts with an AlgorithmIdentifier SEQUENCE; RSAPublicKey with an INTEGER.
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        return sequence.size() > 0 && sequence.getObjectAt(0) instanceof ASN1Sequence;
    }

    final class Rsa implements DkimPublicKey {
        private final RSAPublicKey key;
        private final DkimCrypto.KeyVerifier verifier;

        private Rsa(DkimCrypto.RsaPublicKey read) {
            this.key = read.key();
            this.verifier = read.verifier();
        }

        public RSAPublicKey key() {
            return key;
        }

        @Override
        public DkimKeyType type() {
            return DkimKeyType.RSA;
        }

        @Override
        public int bits() {
            return key.getModulus().bitLength();
        }

        @Override
        public boolean verify(byte[] data, byte[] signature) {
            return verifier.verify(data, signature);
        }

        @Override
        public byte[] encoded() {
            return key.getEncoded();
        }

        static Rsa of(BigInteger modulus, BigInteger publicExponent) throws GeneralSecurityException {
            return new Rsa(DkimCrypto.active().rsaPublicKey(new RSAPublicKeySpec(modulus, publicExponent)));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Rsa rsa && rsa.key.equals(key);
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }
    }

    final class Ed25519 implements DkimPublicKey {
        private final Ed25519PublicKeyParameters key;
        private final DkimCrypto.KeyVerifier verifier;

        public Ed25519(Ed25519PublicKeyParameters key) {
            this(key, DkimCrypto.active());
        }

        /** Verifies through {@code crypto} rather than the {@link DkimCrypto#active() active} provider. */
        Ed25519(Ed25519PublicKeyParameters key, DkimCrypto crypto) {
            this.key = Objects.requireNonNull(key, "key");
            this.verifier = crypto.ed25519Verifier(key);
        }

        public Ed25519PublicKeyParameters key() {
            return key;
        }

        @Override
        public DkimKeyType type() {
            return DkimKeyType.ED25519;
        }

        @Override
        public int bits() {
            return 256;
        }

        /** RFC 8463 §3: Ed25519 signs the SHA-256 hash of the data, not the data. */
        @Override
        public boolean verify(byte[] data, byte[] signature) {
            return verifier.verify(Sha256.hash(data), signature);
        }

        @Override
        public byte[] encoded() {
            return key.getEncoded();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ed25519 ed25519 && Arrays.equals(ed25519.key.getEncoded(), key.getEncoded());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key.getEncoded());
        }
    }
}
