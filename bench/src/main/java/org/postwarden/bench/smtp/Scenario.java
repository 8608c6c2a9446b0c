package org.postwarden.bench.smtp;

import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The three mail flows the load run measures, each counted where its mail ends up: the mailboxes (over IMAP, or
 * Postfix's Maildirs) or the remote SMTP sink.
 */
enum Scenario {
    /** Mail from outside on the MX port to local accounts' INBOX. */
    INBOUND("inbound to mailbox"),
    /** Authenticated submission to a remote address, relayed to the sink. */
    RELAY("authenticated relay"),
    /** Mail from outside on the MX port to a local address that forwards to a remote one. */
    FORWARD("forward");

    final String title;

    Scenario(String title) {
        this.title = title;
    }

    SmtpLoad.Spec spec(LoadServer.Entry entry, LoadMail mail, int connections, int messagesPerConnection, String run) {
        IntFunction<String> user = entry.authenticate() ? LoadMail::account : null;
        return switch (this) {
            case INBOUND -> new SmtpLoad.Spec(entry.port(), entry.startTls(), connections, messagesPerConnection, user, LoadMail.PASSWORD,
                (connection, index) -> new SmtpLoad.Transaction("news@" + LoadMail.ORIGIN,
                    List.of(LoadMail.account(connection * messagesPerConnection + index)),
                    mail.inbound(messageId(run, connection, index))));
            case RELAY -> new SmtpLoad.Spec(entry.port(), entry.startTls(), connections, messagesPerConnection,
                user, LoadMail.PASSWORD,
                (connection, index) -> new SmtpLoad.Transaction(LoadMail.account(connection), List.of(LoadMail.TARGET),
                    mail.submitted(messageId(run, connection, index), LoadMail.account(connection))));
            case FORWARD -> new SmtpLoad.Spec(entry.port(), entry.startTls(), connections, messagesPerConnection, user, LoadMail.PASSWORD,
                (connection, index) -> new SmtpLoad.Transaction("news@" + LoadMail.ORIGIN, List.of(LoadMail.LIST),
                    mail.inbound(messageId(run, connection, index))));
        };
    }

    /** How many of this scenario's messages have arrived so far, since the server started. */
    int delivered(LoadServer server, CountingSink sink) throws IOException {
        return this == INBOUND ? server.inboxCount() : sink.received();
    }

    private static String messageId(String run, int connection, int index) {
        return run + "." + connection + "." + index + "@" + LoadMail.ORIGIN;
    }
}
