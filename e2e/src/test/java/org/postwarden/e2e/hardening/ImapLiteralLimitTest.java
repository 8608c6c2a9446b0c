package org.postwarden.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.PostwardenServerExtension;

/**
 * CVE-2024-37358: James 3.8.1 ships with no IMAP literal size limit, so a client that has not even logged in can
 * announce a literal of any size and the server invites it ("+") to stream gigabytes into a temporary file. The
 * shipped imapserver.xml bounds literals to the SMTP message size limit (50 MB): a larger one is refused before
 * a single octet of it is solicited.
 */
class ImapLiteralLimitTest {
    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @Test
    void aLiteralOverTheLimitShouldBeRefusedWithoutAContinuation() throws IOException {
        assertThat(replyToLiteral(60L * 1024 * 1024)).doesNotStartWith("+").containsPattern("^(a1 (BAD|NO)|\\(closed\\))");
    }

    @Test
    void aLiteralUnderTheLimitShouldStillBeInvited() throws IOException {
        assertThat(replyToLiteral(16)).startsWith("+");
    }

    /** Announces a literal of {@code size} octets in a LOGIN on the STARTTLS port; returns the server's next line. */
    private static String replyToLiteral(long size) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.ports().imap())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("* OK");
            out.write(("a1 LOGIN {" + size + "}\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                String line = in.readLine();
                return line == null ? "(closed)" : line;
            } catch (SocketTimeoutException e) {
                return "(no reply)";
            }
        }
    }
}
