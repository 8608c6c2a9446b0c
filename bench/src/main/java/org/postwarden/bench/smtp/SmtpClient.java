package org.postwarden.bench.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.net.ssl.SSLSocket;

/** A blocking SMTP client for one connection: enough of RFC 5321 to drive load, replies returned as read. */
final class SmtpClient implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 120_000;

    private final String helo;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SmtpClient(Socket socket, String helo) throws IOException {
        this.helo = helo;
        use(socket);
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Connects, reads the greeting and says EHLO; the reply that did not start with 2 is thrown. */
    static SmtpClient open(int port, String helo) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        SmtpClient client = new SmtpClient(socket, helo);
        client.expect(client.reply(), "greeting");
        client.expect(client.command("EHLO " + helo), "EHLO");
        return client;
    }

    /** STARTTLS, the handshake over the same connection, then EHLO again (RFC 3207). */
    void startTls() throws IOException {
        expect(command("STARTTLS"), "STARTTLS");
        SSLSocket tls = (SSLSocket) TrustAll.socketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.startHandshake();
        use(tls);
        expect(command("EHLO " + helo), "EHLO after STARTTLS");
    }

    /** AUTH PLAIN, which the server only accepts over TLS: STARTTLS first. */
    void authenticate(String user, String password) throws IOException {
        startTls();
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        expect(command("AUTH PLAIN " + token), "AUTH");
    }

    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    /** Sends a dot-stuffed message (CRLF line ends) and its final dot; returns the reply to the data. */
    String data(byte[] dotStuffedMessage) throws IOException {
        String intermediate = command("DATA");
        if (!intermediate.startsWith("354")) {
            return intermediate;
        }
        out.write(dotStuffedMessage);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    /** The last line of a (possibly multi-line) reply. */
    private String reply() throws IOException {
        while (true) {
            String line = readLine();
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private void expect(String reply, String step) throws IOException {
        if (!reply.startsWith("2")) {
            throw new IOException(step + " refused: " + reply);
        }
    }

    @Override
    public void close() {
        try {
            command("QUIT");
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
