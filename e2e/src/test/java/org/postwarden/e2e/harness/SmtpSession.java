package org.postwarden.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;

/**
 * One SMTP conversation with the server under test, step by step, so a test can assert the reply of each command
 * (e.g. that RCPT gets 550). Replies are returned as "code text".
 */
public final class SmtpSession implements AutoCloseable {

    private final AuthenticatingSMTPClient client = new AuthenticatingSMTPClient();

    public static SmtpSession connect(int port) {
        SmtpSession session = new SmtpSession();
        try {
            session.client.connect("127.0.0.1", port);
            session.client.ehlo("client.test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return session;
    }

    public String authenticate(String user, String password) {
        try {
            client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, user, password);
        } catch (Exception e) {
            throw new IllegalStateException("AUTH failed to run", e);
        }
        return lastReply();
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
