package org.postwarden.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where DKIM and ARC signatures are computed and checked, chosen once per JVM: the Amazon Corretto Crypto Provider
 * (ACCP, native AWS-LC) when its library loads and passes its own self-tests and ours, else the JDK for RSA and
 * BouncyCastle's lightweight API for Ed25519. A native library that does not load never stops the server: the
 * reason is logged and the JDK path taken. Keys are turned into the chosen provider's keys once, when the
 * {@link DkimPrivateKey} or {@link DkimPublicKey} is made, not for every signature. The provider is asked for by
 * object ({@code Signature.getInstance(alg, provider)}), never installed in the JVM's provider list, so nothing else
 * in the server (TLS, James) changes provider.
 *
 * <p>{@code -Dpostwarden.crypto.provider=jdk} forces the JDK path; {@code auto} (the default) prefers ACCP. The
 * choice is logged at INFO once, by the first signer or verifier.
 */
public final class DkimCrypto {
    public static final String PROPERTY = "postwarden.crypto.provider";
    private static final Logger LOGGER = LoggerFactory.getLogger(DkimCrypto.class);
    private static final String RSA_SHA256 = "SHA256withRSA";
    private static final String ED25519 = "Ed25519";
    /** SubjectPublicKeyInfo of an Ed25519 key up to its 32 octets (RFC 8410 §4). */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
        0x00};
    private static final DkimCrypto JDK = new DkimCrypto(Optional.empty(), "JDK (RSA) and BouncyCastle (Ed25519)");

    /** The native provider, or empty for the JDK and BouncyCastle. */
    private final Optional<Provider> provider;
    private final String description;

    private DkimCrypto(Optional<Provider> provider, String description) {
        this.provider = provider;
        this.description = description;
    }

    /** Chosen on first use. */
    private static final class Chosen {
        private static final DkimCrypto ACTIVE = choose(System.getProperty(PROPERTY, "auto"),
            () -> NativeProvider.load());
    }

    /** The provider every key made from now on signs and verifies with. */
    public static DkimCrypto active() {
        return Chosen.ACTIVE;
    }

    /** The fallback: JDK and BouncyCastle. */
    static DkimCrypto jdk() {
        return JDK;
    }

    /**
     * {@code setting} is the value of {@link #PROPERTY}; {@code nativeProvider} loads ACCP and may throw anything a
     * missing or broken native library throws.
     */
    static DkimCrypto choose(String setting, Supplier<Provider> nativeProvider) {
        String choice = setting.strip().toLowerCase(Locale.ROOT);
        if (choice.equals("jdk")) {
            LOGGER.info("DKIM and ARC sign and verify with the {} (-D{}=jdk)", JDK.description, PROPERTY);
            return JDK;
        }
        if (!choice.equals("auto")) {
            LOGGER.warn("-D{}={} is neither auto nor jdk; taking auto", PROPERTY, setting);
        }
        try {
            Provider loaded = nativeProvider.get();
            DkimCrypto candidate = new DkimCrypto(Optional.of(loaded), loaded.getName() + " " + loaded.getVersionStr()
                + " (native)");
            candidate.checkAgainst(JDK);
            LOGGER.info("DKIM and ARC sign and verify with the {}", candidate.description);
            return candidate;
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            LOGGER.warn("DKIM and ARC sign and verify with the {}: the native provider is not usable ({})",
                JDK.description, e.toString());
            return JDK;
        }
    }

    /** Whether signatures go through the native provider. */
    public boolean isNative() {
        return provider.isPresent();
    }

    /** Which provider, for logs and status pages. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    /** Signs with one key, turned into the provider's key once. Thread-safe. */
    interface KeySigner {
        byte[] sign(byte[] data, int length);
    }

    /** Checks signatures of one key. Thread-safe. */
    interface KeyVerifier {
        boolean verify(byte[] data, byte[] signature);
    }

    /**
     * RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2), rsa-sha256 of RFC 6376 §3.3.1. A key the native provider
     * refuses is signed with by the JDK, as before.
     */
    KeySigner rsaSigner(RSAPrivateCrtKey key) {
        if (provider.isPresent()) {
            try {
                return signer(RSA_SHA256, (PrivateKey) KeyFactory.getInstance("RSA", provider.get()).translateKey(key));
            } catch (GeneralSecurityException | RuntimeException e) {
                refused("RSA", e);
            }
        }
        return JDK.signer(RSA_SHA256, key);
    }

    /** An RSA public key and its verifier. */
    record RsaPublicKey(RSAPublicKey key, KeyVerifier verifier) {
    }

    /**
     * An RSA public key from an X.509 or modulus-and-exponent spec. One the native provider refuses (AWS-LC reads
     * no modulus under 1024 bits, which DKIM rejects anyway, but with its own reason) is read by the JDK.
     */
    RsaPublicKey rsaPublicKey(KeySpec spec) throws GeneralSecurityException {
        if (provider.isPresent()) {
            try {
                RSAPublicKey own = (RSAPublicKey) KeyFactory.getInstance("RSA", provider.get()).generatePublic(spec);
                return new RsaPublicKey(own, verifier(RSA_SHA256, own));
            } catch (GeneralSecurityException | RuntimeException e) {
                return JDK.rsaPublicKey(spec);
            }
        }
        RSAPublicKey own = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
        return new RsaPublicKey(own, verifier(RSA_SHA256, own));
    }

    /**
     * Pure Ed25519 (RFC 8032 §5.1) over {@code data}; DKIM hashes first (RFC 8463 §3). ACCP has no Ed25519 key
     * factory: its signatures take the JDK's EdDSA keys.
     */
    KeySigner ed25519Signer(Ed25519PrivateKeyParameters key, byte[] pkcs8) {
        if (provider.isPresent()) {
            try {
                return signer(ED25519, KeyFactory.getInstance(ED25519).generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
            } catch (GeneralSecurityException | RuntimeException e) {
                refused(ED25519, e);
            }
        }
        return (data, length) -> {
            byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
            // What Ed25519Signer does with the key, without its buffer.
            key.sign(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519, null, data, 0, length, signature, 0);
            return signature;
        };
    }

    KeyVerifier ed25519Verifier(Ed25519PublicKeyParameters key) {
        if (provider.isPresent()) {
            try {
                return verifier(ED25519, KeyFactory.getInstance(ED25519).generatePublic(new X509EncodedKeySpec(spki(key))));
            } catch (GeneralSecurityException | RuntimeException e) {
                refused(ED25519, e);
            }
        }
        return (data, signature) -> {
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, key);
            verifier.update(data, 0, data.length);
            return verifier.verifySignature(signature);
        };
    }

    /**
     * A {@link Signature} keeps its key after {@code sign()}: one per thread and signing key spares the provider
     * lookup and, for ACCP, turning the key into a native one at every signature (a third of an Ed25519 signature).
     * Signing keys are few and long-lived (the key stores hand out the same instance); verification keys are not,
     * and get a fresh {@link Signature} each time.
     */
    private KeySigner signer(String algorithm, PrivateKey own) {
        ThreadLocal<Signature> signers = ThreadLocal.withInitial(() -> {
            try {
                Signature signer = signature(algorithm);
                signer.initSign(own);
                return signer;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " signing failed", e);
            }
        });
        return (data, length) -> {
            Signature signer = signers.get();
            try {
                signer.update(data, 0, length);
                return signer.sign();
            } catch (GeneralSecurityException | RuntimeException e) {
                // Its state is unknown: the next signature on this thread starts from a fresh one.
                signers.remove();
                throw new IllegalStateException(algorithm + " signing failed", e);
            }
        };
    }

    private KeyVerifier verifier(String algorithm, PublicKey own) {
        return (data, signature) -> {
            try {
                Signature verifier = signature(algorithm);
                verifier.initVerify(own);
                verifier.update(data);
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                // A malformed signature value (wrong length...) is a failed signature, not a bug.
                return false;
            }
        };
    }

    private Signature signature(String algorithm) throws GeneralSecurityException {
        return provider.isPresent() ? Signature.getInstance(algorithm, provider.get()) : Signature.getInstance(algorithm);
    }

    private static byte[] spki(Ed25519PublicKeyParameters key) {
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + Ed25519PublicKeyParameters.KEY_SIZE);
        key.encode(spki, ED25519_SPKI_PREFIX.length);
        return spki;
    }

    private void refused(String algorithm, Exception e) {
        LOGGER.warn("the {} refuses an {} key ({}); the JDK or BouncyCastle takes it", description, algorithm,
            e.toString());
    }

    /**
     * Our known-answer check of a provider against the reference: RSA PKCS#1 v1.5 and Ed25519 signatures are
     * deterministic, so both must produce the same octets for the same key and input, and accept each other's.
     */
    private void checkAgainst(DkimCrypto reference) throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        byte[] data = new byte[64];
        random.nextBytes(data);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        KeyFactory rsaKeys = KeyFactory.getInstance("RSA", provider.orElseThrow());
        byte[] ours = signer(RSA_SHA256, (PrivateKey) rsaKeys.translateKey(rsa)).sign(data, data.length);
        byte[] theirs = reference.rsaSigner(rsa).sign(data, data.length);
        KeyVerifier rsaVerifier = verifier(RSA_SHA256,
            rsaKeys.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())));
        requireSame("RSA", ours, theirs, rsaVerifier.verify(data, theirs), rsaVerifier.verify(data, flip(theirs)));

        Ed25519PrivateKeyParameters ed = new Ed25519PrivateKeyParameters(random);
        KeyFactory edKeys = KeyFactory.getInstance(ED25519);
        byte[] pkcs8 = new DkimPrivateKey.Ed25519(ed, reference).pkcs8();
        ours = signer(ED25519, edKeys.generatePrivate(new PKCS8EncodedKeySpec(pkcs8))).sign(data, data.length);
        theirs = reference.ed25519Signer(ed, pkcs8).sign(data, data.length);
        KeyVerifier edVerifier =
            verifier(ED25519, edKeys.generatePublic(new X509EncodedKeySpec(spki(ed.generatePublicKey()))));
        requireSame(ED25519, ours, theirs, edVerifier.verify(data, theirs), edVerifier.verify(data, flip(theirs)));
    }

    private static void requireSame(String algorithm, byte[] ours, byte[] theirs, boolean acceptsTheirs,
                                    boolean acceptsAltered) throws GeneralSecurityException {
        if (!MessageDigest.isEqual(ours, theirs) || !acceptsTheirs || acceptsAltered) {
            throw new GeneralSecurityException(algorithm + " self-test failed: signatures differ from the JDK's "
                + "or BouncyCastle's, or verification is wrong");
        }
    }

    private static byte[] flip(byte[] signature) {
        byte[] altered = signature.clone();
        altered[altered.length / 2] ^= 0x01;
        return altered;
    }
}
