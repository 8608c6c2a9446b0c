package org.postwarden.mtasts;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP transaction that happens only over TLS (RFC 3207 STARTTLS) with a certificate valid for the MX host name,
 * as RFC 8461 §4.2 requires for an enforced policy: an MX host that does not offer STARTTLS, or whose certificate does
 * not validate, gets no message, only QUIT.
 */
public final class RequiredTlsSmtpClient {
    private final TlsConnector connector;
    private final String heloName;

    public RequiredTlsSmtpClient(TlsConnector connector, String heloName) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.heloName = Objects.requireNonNull(heloName, "heloName");
    }

    /**
     * @throws MtaStsException before any recipient got an answer: no connection, no STARTTLS, invalid certificate,
     *                         or a refused MAIL FROM ({@link SmtpRefusal} when permanent)
     */
    public DeliveryOutcome send(String mxHost, int port, String mailFrom, List<String> recipients, byte[] message)
        throws MtaStsException {
        Socket plain = connector.connect(mxHost, port);
        try {
            Channel channel = new Channel(plain);
            channel.expect(channel.reply(), "greeting");
            SmtpReply ehlo = channel.command("EHLO " + heloName);
            channel.expect(ehlo, "EHLO");
            if (ehlo.lines().stream().noneMatch(line -> line.toUpperCase(Locale.ROOT).startsWith("STARTTLS"))) {
                channel.quit();
                throw new MtaStsException(mxHost + " does not offer STARTTLS");
            }
            channel.expect(channel.command("STARTTLS"), "STARTTLS");
            SSLSocket tls = connector.secure(plain, mxHost);
            try {
                Channel secure = new Channel(tls);
                secure.expect(secure.command("EHLO " + heloName), "EHLO after STARTTLS");
                DeliveryOutcome outcome = transaction(secure, mailFrom, recipients, message);
                secure.quit();
                return outcome;
            } finally {
                TlsConnector.closeQuietly(tls);
            }
        } catch (IOException e) {
            throw new MtaStsException("SMTP with " + mxHost + " failed: " + e.getMessage(), e);
        } finally {
            TlsConnector.closeQuietly(plain);
        }
    }

    private DeliveryOutcome transaction(Channel channel, String mailFrom, List<String> recipients, byte[] message)
        throws IOException, MtaStsException {
        SmtpReply mail = channel.command("MAIL FROM:<" + mailFrom + ">");
        if (mail.permanent()) {
            throw new SmtpRefusal("MAIL FROM refused: " + mail.text());
        }
        channel.expect(mail, "MAIL FROM");
        List<String> accepted = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        Map<String, String> deferred = new LinkedHashMap<>();
        for (String recipient : recipients) {
            SmtpReply reply = channel.command("RCPT TO:<" + recipient + ">");
            if (reply.positive()) {
                accepted.add(recipient);
            } else {
                (reply.permanent() ? refused : deferred).put(recipient, reply.text());
            }
        }
        if (accepted.isEmpty()) {
            return new DeliveryOutcome(List.of(), refused, deferred);
        }
        SmtpReply data = channel.command("DATA");
        if (data.code() != 354) {
            return rejectedData(accepted, refused, deferred, data);
        }
        channel.writeDotStuffed(message);
        SmtpReply end = channel.reply();
        if (!end.positive()) {
            return rejectedData(accepted, refused, deferred, end);
        }
        return new DeliveryOutcome(accepted, refused, deferred);
    }

    private static DeliveryOutcome rejectedData(List<String> accepted, Map<String, String> refused,
                                                Map<String, String> deferred, SmtpReply reply) {
        accepted.forEach(recipient -> (reply.permanent() ? refused : deferred).put(recipient, reply.text()));
        return new DeliveryOutcome(List.of(), refused, deferred);
    }

    /** MAIL FROM refused with a 5xx: the message cannot go to this domain at all. */
    public static final class SmtpRefusal extends MtaStsException {
        SmtpRefusal(String message) {
            super(message);
        }
    }

    private static final class Channel {
        private final InputStream in;
        private final OutputStream out;

        Channel(Socket socket) throws IOException {
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = new BufferedOutputStream(socket.getOutputStream());
        }

        SmtpReply command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply();
        }

        SmtpReply reply() throws IOException {
            return SmtpReply.read(in);
        }

        void expect(SmtpReply reply, String step) throws MtaStsException {
            if (!reply.positive()) {
                throw new MtaStsException(step + " refused: " + reply.text());
            }
        }

        /** The message with CRLF line ends, lines starting with "." doubled (RFC 5321 §4.5.2), then ".". */
        void writeDotStuffed(byte[] message) throws IOException {
            boolean lineStart = true;
            for (int i = 0; i < message.length; i++) {
                byte b = message[i];
                if (lineStart && b == '.') {
                    out.write('.');
                }
                if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
                    out.write('\r');
                }
                out.write(b);
                lineStart = b == '\n';
            }
            if (!lineStart) {
                out.write(new byte[] {'\r', '\n'});
            }
            out.write(new byte[] {'.', '\r', '\n'});
            out.flush();
        }

        void quit() {
            try {
                command("QUIT");
            } catch (IOException ignored) {
                // The transaction's outcome is already known.
            }
        }
    }
}
