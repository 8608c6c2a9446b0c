package org.postwarden.bench.dkim;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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

/**
 * The JDK's SHA-256 over a message body of {@code size} octets in one call, with a digest set up once: the floor
 * under the body hash (bh=) that signing and verifying both compute, which dominates on large messages. Beside it the
 * Amazon Corretto Crypto Provider's (native AWS-LC), to tell whether it would hash bodies faster.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Sha256Benchmark {
    @Param({"4096", "102400"})
    public int size;

    private MessageDigest digest;
    private MessageDigest accpDigest;
    private byte[] body;

    @Setup(Level.Trial)
    public void setUp() throws NoSuchAlgorithmException {
        digest = MessageDigest.getInstance("SHA-256");
        accpDigest = MessageDigest.getInstance("SHA-256", AmazonCorrettoCryptoProvider.INSTANCE);
        byte[] message = MailCorpus.message(size);
        body = Arrays.copyOfRange(message, message.length - size, message.length);
    }

    @Benchmark
    public byte[] rawSha256() {
        return digest.digest(body);
    }

    @Benchmark
    public byte[] rawSha256Accp() {
        return accpDigest.digest(body);
    }
}
