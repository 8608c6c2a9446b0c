package org.postwarden.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postwarden.testing.SharedOracles;

/**
 * Interoperability with Mail::SRS 0.31, the reference SRS ({@code shared/oracles/mailsrs_cli.pl}), on random
 * senders with a fixed secret and time: both write the same addresses, and each reverses the other's, SRS1
 * included. Skipped when {@code perl -MMail::SRS} fails.
 */
@Tag("oracle")
class SrsOracleTest {
    private static final String SECRET = "or4cle s3cret";
    private static final long TIME = 1_700_000_000L;
    private static final Srs SRS = srs(SECRET, 4);
    private static final String LOCAL_CHARS =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-";
    private static Path script;

    @BeforeAll
    static void findOracle() throws IOException, InterruptedException {
        Optional<Path> oracles = SharedOracles.directory();
        Assumptions.assumeTrue(oracles.isPresent(), "shared/oracles not found above the working directory");
        script = oracles.get().resolve("mailsrs_cli.pl");
        Assumptions.assumeTrue(exec(List.of("perl", "-MMail::SRS", "-e", "1")).startsWith("exit=0"),
            "perl cannot load Mail::SRS");
    }

    private static Srs srs(String secret, int hashLength) {
        return Srs.builder(SrsSecrets.of(secret)).hashLength(hashLength)
            .clock(Clock.fixed(Instant.ofEpochSecond(TIME), ZoneOffset.UTC)).build();
    }

    /** 24 senders from a fixed seed: RFC 5322 atext and dots in the local part, mixed case everywhere. */
    static Stream<String> senders() {
        Random random = new Random(20_240_607L);
        return IntStream.range(0, 24).mapToObj(i -> localPart(random) + "@" + domain(random));
    }

    private static String localPart(Random random) {
        StringBuilder local = new StringBuilder();
        int length = 1 + random.nextInt(20);
        while (local.length() < length) {
            local.append(LOCAL_CHARS.charAt(random.nextInt(LOCAL_CHARS.length())));
        }
        return local.toString();
    }

    private static String domain(Random random) {
        List<String> labels = new ArrayList<>();
        for (int i = random.nextInt(3); i >= 0; i--) {
            labels.add(label(random, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"));
        }
        labels.add(label(random, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"));
        return String.join(".", labels);
    }

    private static String label(Random random, String alphabet) {
        StringBuilder label = new StringBuilder();
        int length = 2 + random.nextInt(10);
        while (label.length() < length) {
            label.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return label.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void srs0ShouldBeWrittenAsMailSrsWritesItAndReverseBothWays(String sender) throws Exception {
        String ours = SRS.forward(sender, "fwd.example");
        String theirs = oracle("--secret", SECRET, "--", "forward", sender, "fwd.example");

        assertThat(ours).isEqualTo(theirs);
        assertThat(oracle("--secret", SECRET, "--", "reverse", ours)).isEqualTo(sender);
        assertThat(SRS.reverse(theirs)).isEqualTo(sender);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senders")
    void srs1ShouldBeWrittenAsMailSrsWritesItAndReverseBothWays(String sender) throws Exception {
        String atFirst = oracle("--secret", "first forwarder's", "--", "forward", sender, "fwd1.example");
        String ours = SRS.forward(atFirst, "fwd2.example");
        String again = SRS.forward(ours, "fwd3.example");

        assertThat(ours).isEqualTo(oracle("--secret", SECRET, "--", "forward", atFirst, "fwd2.example"));
        assertThat(again).isEqualTo(oracle("--secret", SECRET, "--", "forward", ours, "fwd3.example"));
        assertThat(oracle("--secret", SECRET, "--", "reverse", ours)).isEqualTo(atFirst);
        assertThat(oracle("--secret", SECRET, "--", "reverse", again)).isEqualTo(atFirst);
        assertThat(SRS.reverse(again)).isEqualTo(atFirst);
        assertThat(oracle("--secret", "first forwarder's", "--", "reverse", SRS.reverse(ours))).isEqualTo(sender);
    }

    @Test
    void longerHashAndRotatedSecretsShouldAgree() throws Exception {
        String sender = senders().findFirst().orElseThrow();
        String eight = srs(SECRET, 8).forward(sender, "fwd.example");

        assertThat(eight)
            .isEqualTo(oracle("--secret", SECRET, "--hashlength", "8", "--", "forward", sender, "fwd.example"));
        assertThat(oracle("--secret", SECRET, "--hashlength", "8", "--", "reverse", eight)).isEqualTo(sender);
        assertThat(oracle("--secret", "n3w", "--secret", SECRET, "--", "reverse", SRS.forward(sender, "fwd.example")))
            .isEqualTo(sender);
        assertThat(oracle("--secret", "n3w", "--", "reverse", SRS.forward(sender, "fwd.example")))
            .startsWith("ERROR: ");
    }

    @Test
    void refusalsShouldBeRefusalsThere() throws Exception {
        String signed = SRS.forward("user@host.tld", "fwd.example");
        String tampered = signed.replace("=user@", "=mallory@");
        Srs later = Srs.builder(SrsSecrets.of(SECRET))
            .clock(Clock.fixed(Instant.ofEpochSecond(TIME + 22 * 86_400L), ZoneOffset.UTC)).build();

        assertThat(oracle("--secret", SECRET, "--", "reverse", tampered)).contains("Invalid hash");
        assertThat(oracle("--secret", SECRET, "--time", String.valueOf(TIME + 22 * 86_400L), "--", "reverse", signed))
            .contains("Invalid timestamp");
        assertThatThrownBy(() -> SRS.reverse(tampered)).isInstanceOfSatisfying(SrsException.class,
            e -> assertThat(e.reason()).isEqualTo(SrsException.Reason.BAD_HASH));
        assertThatThrownBy(() -> later.reverse(signed)).isInstanceOfSatisfying(SrsException.class,
            e -> assertThat(e.reason()).isEqualTo(SrsException.Reason.EXPIRED));
    }

    /**
     * The oracle's answer, or "ERROR: ..." when it refuses; {@code --time} is TIME unless given. Callers end the
     * options with "--": Getopt::Long also takes "+" as an option prefix, and a local part may start with it.
     */
    private static String oracle(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        if (!List.of(args).contains("--time")) {
            command.addAll(List.of("--time", String.valueOf(TIME)));
        }
        command.addAll(List.of(args));
        String output = exec(command);
        return output.substring(output.indexOf('\n') + 1).strip();
    }

    /** "exit=N" on the first line, then standard output (Mail::SRS warns on standard error, which is dropped). */
    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "exit=timeout\n" + output;
        }
        return "exit=" + process.exitValue() + "\n" + output;
    }
}
