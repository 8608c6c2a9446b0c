package org.postwarden.bench.dkim;

import java.io.ByteArrayOutputStream;
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
import org.postwarden.dkim.DkimVerifier;

/**
 * Messages verified per second by {@link DkimVerifier#verify(byte[])}, for a message as the receiving MX sees
 * it: its own Received field on top, then one DKIM-Signature, then the signed message. The key record comes from a
 * {@link org.postwarden.dns.StaticZone}, so no network is involved; the record is parsed and its key decoded once
 * ({@code DkimKeyRecords} keeps them by record text, as it does with real DNS for a sender's selector). Compare with {@link RawSignatureBenchmark}'s
 * verify rates and {@link Sha256Benchmark} of the same run; {@code bench/dkim.sh} prints the ratios.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DkimVerifyBenchmark {
    private static final String INBOUND_RECEIVED = "Received: from smtp.example.com (smtp.example.com [198.51.100.7])"
        + "\r\n\tby mx.example.net (Postwarden) with ESMTPS id 4VWx2l0Rt7z\r\n\tfor <bob@example.net>;"
        + " Thu, 02 May 2024 09:14:59 +0000";

    @Param({DkimFixture.RSA, DkimFixture.ED25519})
    public String algorithm;

    /** Body octets; the header adds 900, the DKIM-Signature about 780 (RSA) or 520 (Ed25519), Received 180. */
    @Param({"4096", "102400"})
    public int size;

    private DkimVerifier verifier;
    private byte[] message;

    @Setup(Level.Trial)
    public void setUp() {
        DkimPrivateKey key = DkimFixture.generateKey(algorithm);
        byte[] unsigned = MailCorpus.message(size);
        String signature = DkimFixture.signer(algorithm, key).sign(unsigned);
        message = prepend(INBOUND_RECEIVED, prepend(signature, unsigned));
        verifier = new DkimVerifier(DkimFixture.zone(algorithm, key), DkimFixture.CLOCK);
        List<DkimResult> results = verify();
        if (results.size() != 1 || results.get(0).status() != DkimResult.Status.PASS) {
            throw new IllegalStateException("The " + algorithm + " message does not verify: " + results);
        }
    }

    @Benchmark
    public List<DkimResult> verify() {
        return verifier.verify(message);
    }

    /** {@code field} and CRLF, then {@code message}. */
    static byte[] prepend(String field, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(field.length() + 2 + message.length);
        out.writeBytes(field.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {'\r', '\n'});
        out.writeBytes(message);
        return out.toByteArray();
    }
}
