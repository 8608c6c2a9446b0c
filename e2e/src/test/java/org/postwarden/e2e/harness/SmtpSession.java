package org.postwarden.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.util.TrustManagerUtils;

/**
 * One SMTP conversation with the server under test, step by step, so a test can assert the reply of each command
 * (e.g. that RCPT gets 550). Replies are returned as "code text". TLS trusts any certificate: the server under test
 * presents a self-signed one.
 */
public final class SmtpSession implements AutoCloseable {

    private final AuthenticatingSMTPClient client;
    private boolean tls;

    private SmtpSession(boolean implicitTls) {
        client = new AuthenticatingSMTPClient("TLS", implicitTls);
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        tls = implicitTls;
    }

    public static SmtpSession connect(int port) {
        return open(port, false);
    }

    /** To a server that speaks TLS from the first byte (SMTPS, port 465 in production). */
    public static SmtpSession connectOverTls(int port) {
        return open(port, true);
    }

    private static SmtpSession open(int port, boolean implicitTls) {
        SmtpSession session = new SmtpSession(implicitTls);
        try {
            session.client.connect("127.0.0.1", port);
            session.client.ehlo("client.test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return session;
    }

    /** STARTTLS then EHLO again, as RFC 3207 requires; returns the reply to EHLO. */
    public String startTls() {
        try {
            if (!client.execTLS()) {
                throw new AssertionError("STARTTLS refused: " + lastReply());
            }
            tls = true;
            client.ehlo("client.test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lastReply();
    }

    public String ehlo() {
        return command(() -> client.ehlo("client.test"));
    }

    /** AUTH PLAIN; the server only accepts it over TLS, so STARTTLS is done first when the session is still in clear. */
    public String authenticate(String user, String password) {
        if (!tls) {
            startTls();
        }
        try {
            client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, user, password);
        } catch (Exception e) {
            throw new IllegalStateException("AUTH failed to run", e);
        }
        return lastReply();
    }

    /** AUTH PLAIN as it is, even in clear text: for asserting that the server refuses it. */
    public String authenticateWithoutTls(String user, String password) {
        String credentials = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command(() -> client.sendCommand("AUTH PLAIN " + credentials));
    }

    public String mailFrom(String address) {
        return command(() -> client.mail("<" + address + ">"));
    }

    public String rcptTo(String address) {
        return command(() -> client.rcpt("<" + address + ">"));
    }

    /** DATA with the given message (dot-stuffed and CRLF-terminated by commons-net), returning the reply to the final dot. */
    public String data(String message) {
        try (Writer writer = client.sendMessageData()) {
            if (writer == null) {
                return lastReply();
            }
            writer.write(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return command(client::completePendingCommand);
    }

    /** MAIL, RCPT and DATA in one go, failing the test on any refusal. */
    public void send(String from, String to, String message) {
        expectPositive(mailFrom(from));
        expectPositive(rcptTo(to));
        expectPositive(data(message));
    }

    private static void expectPositive(String reply) {
        if (!reply.startsWith("2") && !reply.startsWith("3")) {
            throw new AssertionError("refused: " + reply);
        }
    }

    private interface SmtpCommand {
        Object run() throws IOException;
    }

    private String command(SmtpCommand command) {
        try {
            command.run();
            return lastReply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String lastReply() {
        return client.getReplyString().trim();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.quit();
                client.disconnect();
            }
        } catch (IOException e) {
            // already gone
        }
    }
}
