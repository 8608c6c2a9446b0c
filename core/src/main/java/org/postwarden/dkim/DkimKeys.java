package org.postwarden.dkim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Loads and generates signing keys. Accepted texts: PEM "PRIVATE KEY" (PKCS#8, RSA or Ed25519),
 * PEM "RSA PRIVATE KEY" (PKCS#1), or the bare base64 32-octet Ed25519 seed that dkimpy and RFC 8463
 * Appendix A use. Unusable input is a configuration mistake: {@link IllegalArgumentException}.
 */
public final class DkimKeys {
    public static final int DEFAULT_RSA_BITS = 2048;
    /** RFC 8301 §3.2: signers MUST use RSA keys of at least 1024 bits. */
    public static final int MINIMUM_RSA_BITS = 1024;

    /** id-Ed25519 (RFC 8410 §3); BouncyCastle keeps its constant in bcutil, which we do not ship. */
    static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DkimKeys() {
    }

    public static DkimPrivateKey readPrivateKey(Path path) throws IOException {
        return parsePrivateKey(Files.readString(path, StandardCharsets.US_ASCII));
    }

    public static DkimPrivateKey parsePrivateKey(String text) {
        String trimmed = text.strip();
        try {
            if (!trimmed.startsWith("-----BEGIN ")) {
                return ed25519FromSeed(decode(trimmed));
            }
            int labelEnd = trimmed.indexOf("-----", "-----BEGIN ".length());
            String label = trimmed.substring("-----BEGIN ".length(), Math.max(labelEnd, "-----BEGIN ".length()));
            String footer = "-----END " + label + "-----";
            int bodyEnd = trimmed.indexOf(footer);
            if (labelEnd < 0 || bodyEnd < 0) {
                throw new IllegalArgumentException("unterminated PEM block");
            }
            byte[] der = decode(trimmed.substring(labelEnd + "-----".length(), bodyEnd));
            return switch (label) {
                case "PRIVATE KEY" -> fromPkcs8(der);
                case "RSA PRIVATE KEY" -> fromPkcs1(der);
                default -> throw new IllegalArgumentException("unsupported PEM block \"" + label + "\"");
            };
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new IllegalArgumentException("invalid private key: " + e.getMessage(), e);
        }
    }

    public static DkimPrivateKey ed25519FromSeed(byte[] seed) {
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 octets, got " + seed.length);
        }
        return new DkimPrivateKey.Ed25519(new Ed25519PrivateKeyParameters(seed, 0));
    }

    public static DkimPrivateKey generateRsa() {
        return generateRsa(DEFAULT_RSA_BITS);
    }

    public static DkimPrivateKey generateRsa(int bits) {
        if (bits < MINIMUM_RSA_BITS) {
            throw new IllegalArgumentException("RSA keys need at least 1024 bits (RFC 8301), got " + bits);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), RANDOM);
            return new DkimPrivateKey.Rsa((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate RSA keys", e);
        }
    }

    public static DkimPrivateKey generateEd25519() {
        return new DkimPrivateKey.Ed25519(new Ed25519PrivateKeyParameters(RANDOM));
    }

    private static DkimPrivateKey fromPkcs8(byte[] der) throws GeneralSecurityException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return rsa(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        }
        if (algorithm.equals(ID_ED25519)) {
            try {
                // RFC 8410 §7: the PrivateKey OCTET STRING wraps the seed in another OCTET STRING.
                return ed25519FromSeed(ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets());
            } catch (IOException e) {
                throw new IllegalArgumentException("invalid Ed25519 PKCS#8 key", e);
            }
        }
        throw new IllegalArgumentException("unsupported key algorithm " + algorithm);
    }

    private static DkimPrivateKey fromPkcs1(byte[] der) throws GeneralSecurityException {
        RSAPrivateKey key = RSAPrivateKey.getInstance(der);
        return rsa(KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(key.getModulus(),
            key.getPublicExponent(), key.getPrivateExponent(), key.getPrime1(), key.getPrime2(), key.getExponent1(),
            key.getExponent2(), key.getCoefficient())));
    }

    private static DkimPrivateKey rsa(java.security.PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("RSA key without CRT parameters");
        }
        if (crt.getModulus().bitLength() < MINIMUM_RSA_BITS) {
            throw new IllegalArgumentException("RSA key of " + crt.getModulus().bitLength()
                + " bits; RFC 8301 requires at least 1024");
        }
        return new DkimPrivateKey.Rsa(crt);
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
    }
}
