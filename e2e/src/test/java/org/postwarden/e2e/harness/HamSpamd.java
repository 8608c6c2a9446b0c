package org.postwarden.e2e.harness;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A stand-in for SpamAssassin's spamd that finds no message spam, shared by every server of the test JVM (as the
 * {@link SmtpSink} stands for remote servers): the shipped relay processor asks spamd about every forward, and tests
 * that are not about spam must not depend on a real one. Tests about spam point the mailet at a real spamd.
 */
public final class HamSpamd {
    private static final String ANSWER = "SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\nSpam: False ; 0.0 / 5.0\r\n\r\n";
    private static final ServerSocket SERVER = start();

    private HamSpamd() {
    }

    public static int port() {
        return SERVER.getLocalPort();
    }

    private static ServerSocket start() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        Thread handler = new Thread(() -> answer(socket), "ham-spamd-connection");
                        handler.setDaemon(true);
                        handler.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "ham-spamd");
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int length = 0;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).trim());
                }
            }
            in.readNBytes(length);
            socket.getOutputStream().write(ANSWER.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException ignored) {
            // the client went away
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("end of stream");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
