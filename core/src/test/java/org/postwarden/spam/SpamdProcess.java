package org.postwarden.spam;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away SpamAssassin spamd (Debian package {@code spamd}) on a free loopback port, in the foreground, with
 * network tests off ({@code --local}) so that verdicts do not depend on DNS blocklists. As root it drops to
 * {@code nobody}, which spamd requires. Shared with the end-to-end tests through core's test-jar.
 */
public final class SpamdProcess implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/spamd");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    public static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private final Process process;
    private final int port;

    private SpamdProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    public static SpamdProcess start() throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--listen=127.0.0.1:" + port,
            "--syslog=stderr", "--local", "--nouser-config", "--max-children=2", "--min-children=1"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--username=nobody");
        }
        Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        SpamdProcess spamd = new SpamdProcess(process, port);
        spamd.awaitListening();
        return spamd;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitListening() throws InterruptedException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("spamd exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("spamd did not listen on port " + port + " within " + STARTUP_TIMEOUT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
