package org.postwarden.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A real server program (redis-server, spamd) started for a test on a free loopback port, its output discarded,
 * ready once it accepts connections there.
 */
public final class LoopbackDaemon implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;

    private LoopbackDaemon(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** Starts {@code command(port)} and waits until it listens on the port, or fails after {@code startup}. */
    public static LoopbackDaemon start(String name, Duration startup, IntFunction<List<String>> command)
        throws IOException, InterruptedException {
        int port = freePort();
        Process process = new ProcessBuilder(command.apply(port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        LoopbackDaemon daemon = new LoopbackDaemon(name, process, port);
        daemon.awaitListening(startup);
        return daemon;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitListening(Duration startup) throws InterruptedException {
        Instant deadline = Instant.now().plus(startup);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + startup);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
