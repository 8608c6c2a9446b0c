package org.postwarden.bench.smtp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The remote SMTP server of the load run: accepts every message, keeps only their count, and how many of them carry
 * a DKIM-Signature field (proof that the signing profiles signed what they relayed).
 */
final class CountingSink implements AutoCloseable {
    private final ServerSocket serverSocket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger signed = new AtomicInteger();

    CountingSink() throws IOException {
        Thread acceptor = new Thread(this::acceptLoop, "counting-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    int received() {
        return received.get();
    }

    int signed() {
        return signed.get();
    }

    /** Waits until {@code count} messages arrived in all; returns when they did, or false after {@code timeout}. */
    boolean awaitReceived(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (received.get() < count) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream()); OutputStream out = socket.getOutputStream()) {
            write(out, "220 sink.test ESMTP");
            String line;
            while ((line = readLine(in)) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> write(out, "250-sink.test\r\n250-8BITMIME\r\n250 SIZE 104857600");
                    case "DATA" -> {
                        write(out, "354 go ahead");
                        boolean inHeader = true;
                        boolean hasSignature = false;
                        while (!".".equals(line = readLine(in))) {
                            if (line == null) {
                                return;
                            }
                            if (inHeader) {
                                inHeader = !line.isEmpty();
                                hasSignature |= line.regionMatches(true, 0, "DKIM-Signature:", 0, 15);
                            }
                        }
                        if (hasSignature) {
                            signed.incrementAndGet();
                        }
                        received.incrementAndGet();
                        write(out, "250 2.0.0 queued");
                    }
                    case "QUIT" -> {
                        write(out, "221 bye");
                        return;
                    }
                    default -> write(out, "250 OK");
                }
            }
        } catch (IOException ignored) {
            // the server went away
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(80);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return null;
            }
            if (b != '\r' && line.length() < 1024) {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        connections.shutdownNow();
    }
}
