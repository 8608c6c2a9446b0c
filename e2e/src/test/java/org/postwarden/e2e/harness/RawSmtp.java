package org.postwarden.e2e.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.net.ssl.SSLSocket;


/**
 * An SMTP connection that writes exactly the bytes a test gives it (overlong lines, 8-bit octets, unterminated
 * data), for the malformed input that {@link SmtpSession}'s client would refuse or rewrite. Each reply is read
 * in full ("250-...\r\n250 ..." gives "250 ..."); a closed connection reads as {@link #CLOSED}, a server that says
 * nothing for the timeout as {@link #SILENT}.
 */
public final class RawSmtp implements AutoCloseable {
    public static final String CLOSED = "(connection closed)";
    public static final String SILENT = "(no reply)";
    private static final int TIMEOUT_MILLIS = 30_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private RawSmtp(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects and says EHLO, failing unless both the greeting and EHLO are positive. */
    public static RawSmtp connect(int port) {
        return connectFrom("127.0.0.1", port);
    }

    /**
     * As {@link #connect(int)}, from another loopback source address such as 127.0.0.2 (Linux routes all of
     * 127/8 to the loopback interface), for tests that need several client addresses.
     */
    public static RawSmtp connectFrom(String localAddress, int port) {
        try {
            Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            RawSmtp smtp = new RawSmtp(socket);
            expect(smtp.reply(), "220");
            expect(smtp.command("EHLO client.test"), "250");
            return smtp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** STARTTLS, then EHLO again over TLS: the server takes AUTH only over TLS. */
    public void startTls() {
        try {
            expect(command("STARTTLS"), "220");
            SSLSocket tls = (SSLSocket) TrustingTls.sockets().createSocket(socket, "127.0.0.1", socket.getPort(), true);
            tls.setSoTimeout(TIMEOUT_MILLIS);
            tls.startHandshake();
            use(tls);
            expect(command("EHLO client.test"), "250");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** AUTH PLAIN, after {@link #startTls()}. */
    public String authenticate(String user, String password) {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
    }

    /** Sends the line with CRLF and reads the reply. */
    public String command(String line) {
        return send((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends raw bytes, then reads one reply. */
    public String send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            return CLOSED;
        }
        return reply();
    }

    /**
     * MAIL, RCPT, DATA, then the message (dot-stuffed here, written in chunks) and the final dot; the reply to the
     * first command that is not positive, or to the final dot.
     */
    public String mail(String from, String to, byte[] message) {
        String reply = command("MAIL FROM:<" + from + ">");
        if (!reply.startsWith("250")) {
            return reply;
        }
        reply = command("RCPT TO:<" + to + ">");
        if (!reply.startsWith("250")) {
            return reply;
        }
        reply = command("DATA");
        if (!reply.startsWith("354")) {
            return reply;
        }
        return data(message);
    }

    /** The message and the final dot, after a 354. */
    public String data(byte[] message) {
        try {
            out.write(dotStuffed(message));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            return reply().equals(CLOSED) ? CLOSED : "(write failed: " + e.getMessage() + ")";
        }
        return reply();
    }

    public String reply() {
        try {
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            while (true) {
                String line = line();
                if (line == null) {
                    return reply.size() == 0 ? CLOSED : reply.toString(StandardCharsets.ISO_8859_1).trim();
                }
                if (line.length() < 4 || line.charAt(3) != '-') {
                    return line;
                }
                reply.writeBytes((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException e) {
            return SILENT;
        } catch (IOException e) {
            return CLOSED;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }

    private static byte[] dotStuffed(byte[] message) {
        ByteArrayOutputStream stuffed = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                stuffed.write('.');
            }
            stuffed.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            stuffed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return stuffed.toByteArray();
    }

    private static void expect(String reply, String code) {
        if (!reply.startsWith(code)) {
            throw new AssertionError("expected " + code + ", got " + reply);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
