package org.postwarden.bench.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the messages in a user's INBOX over IMAPS (STATUS), as a mail client would see them: the server refuses
 * LOGIN in clear text. One session stays logged in for the whole run, so that polling the count while the load runs
 * costs the server one STATUS, not a TLS handshake and a login each time.
 */
final class ImapInbox implements AutoCloseable {
    private static final Pattern MESSAGES = Pattern.compile("\\(MESSAGES (\\d+)\\)");

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String user;

    private ImapInbox(Socket socket, String user) throws IOException {
        this.socket = socket;
        this.user = user;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    static ImapInbox login(int port, String user, String password) throws IOException {
        Socket socket = TrustAll.socketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        ImapInbox inbox = new ImapInbox(socket, user);
        inbox.in.readLine();
        inbox.command("a LOGIN \"" + user + "\" \"" + password + "\"");
        return inbox;
    }

    int count() throws IOException {
        int count = -1;
        out.write("b STATUS INBOX (MESSAGES)\r\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            Matcher matcher = MESSAGES.matcher(line);
            if (line.startsWith("* STATUS") && matcher.find()) {
                count = Integer.parseInt(matcher.group(1));
            } else if (line.startsWith("b ")) {
                break;
            }
        }
        if (count < 0) {
            throw new IOException("no STATUS answer for " + user);
        }
        return count;
    }

    private void command(String command) throws IOException {
        String tag = command.substring(0, command.indexOf(' ') + 1);
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(tag)) {
                if (!line.startsWith(tag + "OK")) {
                    throw new IOException(command.split(" ")[1] + " refused: " + line);
                }
                return;
            }
        }
        throw new IOException("connection closed after " + command.split(" ")[1]);
    }

    @Override
    public void close() {
        try {
            command("c LOGOUT");
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
