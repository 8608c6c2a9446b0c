package org.postwarden.e2e.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Executors;

/**
 * A minimal SMTP server on loopback standing for "the internet": the Postwarden server relays remote mail here.
 * It records every accepted transaction, or refuses them all: with a temporary error at MAIL while
 * {@link #refuseTemporarily()}, every recipient with {@code 550 5.1.1} while {@link #refusePermanently()}.
 */
public final class SmtpSink implements AutoCloseable {

    public record ReceivedMail(String mailFrom, List<String> rcptTo, String data, Instant receivedAt) {
    }

    private final ServerSocket serverSocket;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<ReceivedMail> received = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;
    private volatile boolean refusingRecipients;
    private volatile int attempts;
    private final AtomicInteger connections = new AtomicInteger();

    public static SmtpSink start() throws IOException {
        SmtpSink sink = new SmtpSink(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        sink.executor.submit(sink::acceptLoop);
        return sink;
    }

    private SmtpSink(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public List<ReceivedMail> received() {
        return List.copyOf(received);
    }

    /** SMTP sessions opened, including those that ended before MAIL FROM. */
    public int connections() {
        return connections.get();
    }

    /** Transactions that reached MAIL FROM, accepted or not. */
    public int attempts() {
        return attempts;
    }

    public void refuseTemporarily() {
        refusing = true;
    }

    public void refusePermanently() {
        refusingRecipients = true;
    }

    public void accept() {
        refusing = false;
        refusingRecipients = false;
    }

    public void clear() {
        received.clear();
        attempts = 0;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                executor.submit(() -> converse(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        connections.incrementAndGet();
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            String mailFrom = null;
            List<String> rcptTo = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 sink");
                    case "MAIL" -> {
                        attempts++;
                        if (refusing) {
                            reply(out, "451 4.3.0 sink refuses for now");
                        } else {
                            mailFrom = between(line, '<', '>');
                            rcptTo.clear();
                            reply(out, "250 2.1.0 ok");
                        }
                    }
                    case "RCPT" -> {
                        if (refusingRecipients) {
                            reply(out, "550 5.1.1 sink refuses this recipient");
                        } else {
                            rcptTo.add(between(line, '<', '>'));
                            reply(out, "250 2.1.5 ok");
                        }
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        received.add(new ReceivedMail(mailFrom, List.copyOf(rcptTo), readData(in), Instant.now()));
                        reply(out, "250 2.0.0 queued");
                    }
                    case "RSET" -> {
                        mailFrom = null;
                        rcptTo.clear();
                        reply(out, "250 ok");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to record
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        }
        return data.toString();
    }

    private static String between(String line, char open, char close) {
        int start = line.indexOf(open);
        int end = line.indexOf(close, start + 1);
        return start >= 0 && end > start ? line.substring(start + 1, end) : "";
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        executor.shutdownNow();
    }
}
