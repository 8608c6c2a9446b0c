package org.postwarden.mtasts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** An SMTP server on loopback that offers STARTTLS when given a certificate, and records what it received over TLS. */
final class FakeMxServer implements AutoCloseable {
    private final ServerSocket socket;
    private final SSLContext tls;
    private final String refusedRecipient;
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<String> recipients = new CopyOnWriteArrayList<>();

    /** @param tls null for a server without STARTTLS */
    FakeMxServer(SSLContext tls, String refusedRecipient) throws IOException {
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.tls = tls;
        this.refusedRecipient = refusedRecipient;
        Thread thread = new Thread(this::serve, "fake-mx");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                session(client);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void session(Socket client) throws IOException {
        Socket current = client;
        boolean secure = false;
        BufferedReader in = reader(current);
        OutputStream out = current.getOutputStream();
        write(out, "220 fake ESMTP");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.toUpperCase();
            if (command.startsWith("EHLO")) {
                write(out, tls != null && !secure ? "250-fake\r\n250 STARTTLS" : "250-fake\r\n250 8BITMIME");
            } else if (command.equals("STARTTLS")) {
                write(out, "220 go ahead");
                SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(current, null, current.getPort(), true);
                upgraded.setUseClientMode(false);
                upgraded.startHandshake();
                current = upgraded;
                secure = true;
                in = reader(current);
                out = current.getOutputStream();
            } else if (command.startsWith("RCPT TO:")) {
                String recipient = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                if (recipient.equals(refusedRecipient)) {
                    write(out, "550 5.1.1 no such user");
                } else {
                    recipients.add(recipient);
                    write(out, "250 ok");
                }
            } else if (command.equals("DATA")) {
                write(out, "354 go on");
                StringBuilder data = new StringBuilder();
                for (String body = in.readLine(); !".".equals(body); body = in.readLine()) {
                    data.append(body).append('\n');
                }
                messages.add((secure ? "" : "PLAIN:") + data);
                write(out, "250 queued");
            } else if (command.equals("QUIT")) {
                write(out, "221 bye");
                return;
            } else {
                write(out, "250 ok");
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
