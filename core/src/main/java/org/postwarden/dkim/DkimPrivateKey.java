package org.postwarden.dkim;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** A signing key; {@link DkimKeys} loads and generates them. */
public sealed interface DkimPrivateKey {
    DkimAlgorithm algorithm();

    DkimPublicKey publicKey();

    /** Signs {@code data} with the sha256 variant of the key's algorithm. */
    default byte[] sign(byte[] data) {
        return sign(data, data.length);
    }

    /** Signs {@code data[0..length)}, which spares a caller trimming a buffer. */
    byte[] sign(byte[] data, int length);

    /** PKCS#8 DER, as in a "BEGIN PRIVATE KEY" PEM block. */
    byte[] pkcs8();

    default String toPem() {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /** An RSA key; it must carry its CRT parameters, which hold the public exponent. */
    final class Rsa implements DkimPrivateKey {
        private final RSAPrivateCrtKey key;
        private final DkimCrypto.KeySigner signer;

        public Rsa(RSAPrivateCrtKey key) {
            this(key, DkimCrypto.active());
        }

        /** Signs through {@code crypto} rather than the {@link DkimCrypto#active() active} provider. */
        Rsa(RSAPrivateCrtKey key, DkimCrypto crypto) {
            this.key = Objects.requireNonNull(key, "key");
            this.signer = crypto.rsaSigner(key);
        }

        public RSAPrivateCrtKey key() {
            return key;
        }

        @Override
        public DkimAlgorithm algorithm() {
            return DkimAlgorithm.RSA_SHA256;
        }

        @Override
        public DkimPublicKey publicKey() {
            try {
                return DkimPublicKey.Rsa.of(key.getModulus(), key.getPublicExponent());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the provider rejected its own RSA key", e);
            }
        }

        @Override
        public byte[] sign(byte[] data, int length) {
            return signer.sign(data, length);
        }

        @Override
        public byte[] pkcs8() {
            return key.getEncoded();
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

    final class Ed25519 implements DkimPrivateKey {
        private final Ed25519PrivateKeyParameters key;
        private final DkimCrypto.KeySigner signer;

        public Ed25519(Ed25519PrivateKeyParameters key) {
            this(key, DkimCrypto.active());
        }

        /** Signs through {@code crypto} rather than the {@link DkimCrypto#active() active} provider. */
        Ed25519(Ed25519PrivateKeyParameters key, DkimCrypto crypto) {
            this.key = Objects.requireNonNull(key, "key");
            this.signer = crypto.ed25519Signer(key, pkcs8());
        }

        public Ed25519PrivateKeyParameters key() {
            return key;
        }

        @Override
        public DkimAlgorithm algorithm() {
            return DkimAlgorithm.ED25519_SHA256;
        }

        @Override
        public DkimPublicKey publicKey() {
            return new DkimPublicKey.Ed25519(key.generatePublicKey());
        }

        /** RFC 8463 §3: Ed25519 (pure) over the SHA-256 hash of the data. */
        @Override
        public byte[] sign(byte[] data, int length) {
            byte[] hash = Sha256.hash(data, length);
            return signer.sign(hash, hash.length);
        }

        /** Version 1 PrivateKeyInfo without the optional public key, as RFC 8410 §10.3 shows: what OpenSSL and dkimpy read. */
        @Override
        public byte[] pkcs8() {
            try {
                return new PrivateKeyInfo(new AlgorithmIdentifier(DkimKeys.ID_ED25519), new DEROctetString(key.getEncoded()))
                    .getEncoded();
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode an Ed25519 key", e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ed25519 ed25519
                && MessageDigest.isEqual(ed25519.key.getEncoded(), key.getEncoded());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key.getEncoded());
        }
    }
}
