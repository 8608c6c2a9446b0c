package org.postwarden.bench.dkim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dkim.DkimResult;
import org.postwarden.dkim.DkimSigner;
import org.postwarden.dkim.DkimVerifier;

/**
 * Messages signed per second by {@link DkimSigner#sign(byte[])}: parsing the message, picking the h= fields,
 * hashing the canonical body, canonicalizing the headers, and the signature itself. Compare with
 * {@link RawSignatureBenchmark}'s sign rates and {@link Sha256Benchmark} of the same run; {@code bench/dkim.sh}
 * prints the ratios.
 *
 * <p>{@code fields}: {@code same} signs one message over and over, as a signer sees a sender whose client writes
 * the same fields each time; {@code alternating} signs two messages whose fields differ (Cc or Reply-To) in turn,
 * so that the signer never reuses its last h= tag or choice of fields.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DkimSignBenchmark {
    @Param({DkimFixture.RSA, DkimFixture.ED25519})
    public String algorithm;

    /** Body octets; the header adds 900. */
    @Param({"4096", "102400"})
    public int size;

    @Param({"same", "alternating"})
    public String fields;

    private DkimSigner signer;
    private byte[] message;
    private byte[] otherMessage;
    private boolean other;

    @Setup(Level.Trial)
    public void setUp() {
        DkimPrivateKey key = DkimFixture.generateKey(algorithm);
        signer = DkimFixture.signer(algorithm, key);
        message = MailCorpus.message(size);
        otherMessage = fields.equals("alternating") ? MailCorpus.messageWithOtherFields(size) : message;
        checkSignatureVerifies(key, message);
        checkSignatureVerifies(key, otherMessage);
    }

    @Benchmark
    public String sign() {
        other = !other;
        return signer.sign(other ? otherMessage : message);
    }

    /** Fails the trial rather than time a signer whose output does not verify. */
    private void checkSignatureVerifies(DkimPrivateKey key, byte[] message) {
        byte[] signed = DkimVerifyBenchmark.prepend(signer.sign(message), message);
        List<DkimResult> results = new DkimVerifier(DkimFixture.zone(algorithm, key), DkimFixture.CLOCK)
            .verify(signed);
        if (results.size() != 1 || results.get(0).status() != DkimResult.Status.PASS) {
            throw new IllegalStateException("The " + algorithm + " signature does not verify: " + results
                + "\n" + new String(signed, 0, 2000, StandardCharsets.US_ASCII));
        }
    }
}
