package org.postwarden.bench.dkim;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The raw signature rates the DKIM benchmarks are judged against: one signature over 32 octets with a key and a
 * {@link Signature} (or BouncyCastle signer) set up once, the best case for each provider. 32 octets is exactly
 * what DKIM's Ed25519 signs (RFC 8463 §3: the SHA-256 of the header input). RSA signs the header input itself,
 * about 1 KB, whose hashing costs well under 1 µs beside the RSA operation.
 *
 * <p>Postwarden signs and verifies RSA through the JDK and Ed25519 through BouncyCastle's lightweight API: it signs
 * with {@code Ed25519PrivateKeyParameters.sign} directly, as does the raw BouncyCastle rate here (the cheapest call
 * BouncyCastle offers), and verifies with {@code Ed25519Signer}. The JDK's own Ed25519 is here to tell which provider
 * is the fastest. The {@code Accp} rates are the Amazon Corretto Crypto Provider (native AWS-LC), which Postwarden
 * uses when it loads ({@code DkimCrypto}); its keys made once by its own key factory, as {@code DkimCrypto} does.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RawSignatureBenchmark {
    private static final int INPUT_SIZE = 32;

    private final byte[] input = new byte[INPUT_SIZE];
    private Signature rsaSigner;
    private Signature rsaVerifier;
    private byte[] rsaSignature;
    private Signature jdkEd25519Signer;
    private Signature jdkEd25519Verifier;
    private byte[] jdkEd25519Signature;
    private Ed25519PrivateKeyParameters bcEd25519Key;
    private Ed25519Signer bcEd25519Verifier;
    private byte[] bcEd25519Signature;
    private Signature accpRsaSigner;
    private Signature accpRsaVerifier;
    private byte[] accpRsaSignature;
    private Signature accpEd25519Signer;
    private Signature accpEd25519Verifier;
    private byte[] accpEd25519Signature;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        random.nextBytes(input);

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
        KeyPair rsaKeys = rsa.generateKeyPair();
        rsaSigner = Signature.getInstance("SHA256withRSA");
        rsaSigner.initSign(rsaKeys.getPrivate());
        rsaVerifier = Signature.getInstance("SHA256withRSA");
        rsaVerifier.initVerify(rsaKeys.getPublic());
        rsaSignature = rawRsaSign();

        KeyPair edKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        jdkEd25519Signer = Signature.getInstance("Ed25519");
        jdkEd25519Signer.initSign(edKeys.getPrivate());
        jdkEd25519Verifier = Signature.getInstance("Ed25519");
        jdkEd25519Verifier.initVerify(edKeys.getPublic());
        jdkEd25519Signature = rawEd25519SignJdk();

        Ed25519PrivateKeyParameters bcKey = new Ed25519PrivateKeyParameters(random);
        bcEd25519Key = bcKey;
        bcEd25519Verifier = new Ed25519Signer();
        bcEd25519Verifier.init(false, bcKey.generatePublicKey());
        bcEd25519Signature = rawEd25519SignBc();

        Provider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        KeyFactory accpRsaKeys = KeyFactory.getInstance("RSA", accp);
        accpRsaSigner = Signature.getInstance("SHA256withRSA", accp);
        accpRsaSigner.initSign((PrivateKey) accpRsaKeys.translateKey(rsaKeys.getPrivate()));
        accpRsaVerifier = Signature.getInstance("SHA256withRSA", accp);
        accpRsaVerifier.initVerify((PublicKey) accpRsaKeys.translateKey(rsaKeys.getPublic()));
        accpRsaSignature = rawRsaSignAccp();

        KeyPair accpEdKeys = KeyPairGenerator.getInstance("Ed25519", accp).generateKeyPair();
        accpEd25519Signer = Signature.getInstance("Ed25519", accp);
        accpEd25519Signer.initSign(accpEdKeys.getPrivate());
        accpEd25519Verifier = Signature.getInstance("Ed25519", accp);
        accpEd25519Verifier.initVerify(accpEdKeys.getPublic());
        accpEd25519Signature = rawEd25519SignAccp();

        if (!rawRsaVerify() || !rawEd25519VerifyJdk() || !rawEd25519VerifyBc() || !rawRsaVerifyAccp()
            || !rawEd25519VerifyAccp()) {
            throw new IllegalStateException("A raw signature does not verify");
        }
    }

    @Benchmark
    public byte[] rawRsaSign() throws GeneralSecurityException {
        rsaSigner.update(input);
        return rsaSigner.sign();
    }

    @Benchmark
    public boolean rawRsaVerify() throws GeneralSecurityException {
        rsaVerifier.update(input);
        return rsaVerifier.verify(rsaSignature);
    }

    @Benchmark
    public byte[] rawEd25519SignJdk() throws GeneralSecurityException {
        jdkEd25519Signer.update(input);
        return jdkEd25519Signer.sign();
    }

    @Benchmark
    public boolean rawEd25519VerifyJdk() throws GeneralSecurityException {
        jdkEd25519Verifier.update(input);
        return jdkEd25519Verifier.verify(jdkEd25519Signature);
    }

    @Benchmark
    public byte[] rawEd25519SignBc() {
        byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        bcEd25519Key.sign(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, signature, 0);
        return signature;
    }

    @Benchmark
    public boolean rawEd25519VerifyBc() {
        bcEd25519Verifier.update(input, 0, input.length);
        return bcEd25519Verifier.verifySignature(bcEd25519Signature);
    }

    @Benchmark
    public byte[] rawRsaSignAccp() throws GeneralSecurityException {
        accpRsaSigner.update(input);
        return accpRsaSigner.sign();
    }

    @Benchmark
    public boolean rawRsaVerifyAccp() throws GeneralSecurityException {
        accpRsaVerifier.update(input);
        return accpRsaVerifier.verify(accpRsaSignature);
    }

    @Benchmark
    public byte[] rawEd25519SignAccp() throws GeneralSecurityException {
        accpEd25519Signer.update(input);
        return accpEd25519Signer.sign();
    }

    @Benchmark
    public boolean rawEd25519VerifyAccp() throws GeneralSecurityException {
        accpEd25519Verifier.update(input);
        return accpEd25519Verifier.verify(accpEd25519Signature);
    }
}
