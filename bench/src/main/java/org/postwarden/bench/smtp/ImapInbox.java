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
 * LOGIN in clear text.
 */
final class ImapInbox {
    private static final Pattern MESSAGES = Pattern.compile("\\(MESSAGES (\\d+)\\)");

    private ImapInbox() {
    }

    static int count(int port, String user, String password) throws IOException {
        try (Socket socket = TrustAll.socketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            in.readLine();
            command(in, out, "a LOGIN \"" + user + "\" \"" + password + "\"");
            int count = -1;
            out.write("b STATUS INBOX (MESSAGES)\r\n".getBytes(StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher matcher = MESSAGES.matcher(line);
                if (line.startsWith("* STATUS") && matcher.find()) {
                    count = Integer.parseInt(matcher.group(1));
                } else if (line.startsWith("b ")) {
                    break;
                }
            }
            command(in, out, "c LOGOUT");
            if (count < 0) {
                throw new IOException("no STATUS answer for " + user);
            }
            return count;
        }
    }

    private static void command(BufferedReader in, OutputStream out, String command) throws IOException {
        String tag = command.substring(0, command.indexOf(' ') + 1);
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(tag)) {
                if (!line.startsWith(tag + "OK")) {
                    throw new IOException(command.split(" ")[1] + " refused: " + line);
                }
                return;
            }
        }
    }
}
