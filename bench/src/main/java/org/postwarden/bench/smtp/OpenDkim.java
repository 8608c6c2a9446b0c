package org.postwarden.bench.smtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * OpenDKIM (Debian's opendkim) as Postfix's signing milter in the load run: an RSA-2048 key of its own for the
 * local domain, relaxed/relaxed, listening on a unix socket in its directory, in the foreground as a child of the run.
 */
final class OpenDkim implements AutoCloseable {
    static final String BINARY = "/usr/sbin/opendkim";
    private static final String SELECTOR = "postfix";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

    final Path socket;
    private final Process process;

    private OpenDkim(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
    }

    static OpenDkim start(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        PostfixServer.run(List.of("opendkim-genkey", "-b", "2048", "-d", LoadMail.LOCAL, "-s", SELECTOR, "-D", directory.toString()));
        Path socket = directory.resolve("opendkim.sock");
        Path conf = directory.resolve("opendkim.conf");
        Files.writeString(conf, String.join("\n",
            "Syslog no",
            "Mode s",
            "Domain " + LoadMail.LOCAL,
            "Selector " + SELECTOR,
            "KeyFile " + directory.resolve(SELECTOR + ".private"),
            "Canonicalization relaxed/relaxed",
            "SignatureAlgorithm rsa-sha256",
            "InternalHosts 127.0.0.1",
            // Postfix's smtpd runs as the postfix user and must reach the socket.
            "UMask 000",
            "Socket local:" + socket,
            ""));
        Process process = new ProcessBuilder(BINARY, "-x", conf.toString(), "-f")
            .redirectErrorStream(true).redirectOutput(directory.resolve("opendkim.out").toFile()).start();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (!Files.exists(socket)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("OpenDKIM did not start, see " + directory.resolve("opendkim.out"));
            }
            Thread.sleep(100);
        }
        return new OpenDkim(socket, process);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
