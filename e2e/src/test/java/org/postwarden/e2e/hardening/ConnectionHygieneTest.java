package org.postwarden.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.RawSmtp;

/**
 * Connection hygiene on the MX, as Postfix's postscreen and smtpd do it: a per-client connection cap answered with
 * 421, a deadline for each command line that a client trickling bytes (slowloris) cannot reset, and a 554 for a
 * client that talks before the greeting. A normal client is served as before.
 */
class ConnectionHygieneTest {
    private static final String DOMAIN = "hygiene.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final int PER_IP_LIMIT = 3;
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(3);
    private static final Duration PREGREET_WAIT = Duration.ofMillis(700);

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension("{}", new ConfEdits()
        .replace("smtpserver.xml", "<connectionLimitPerIP>10</connectionLimitPerIP>",
            "<connectionLimitPerIP>" + PER_IP_LIMIT + "</connectionLimitPerIP>")
        .replace("smtpserver.xml", "<commandDeadline>60s</commandDeadline>",
            "<commandDeadline>" + COMMAND_DEADLINE.toSeconds() + "s</commandDeadline>")
        .replace("smtpserver.xml", "<pregreetWait>50ms</pregreetWait>",
            "<pregreetWait>" + PREGREET_WAIT.toMillis() + "ms</pregreetWait>"));

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, "secret");
    }

    @Test
    void theConnectionOverThePerIpLimitShouldGet421WhileAnotherAddressIsServed() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_IP_LIMIT; i++) {
                Socket socket = connect("127.0.0.1");
                held.add(socket);
                assertThat(readLine(socket)).startsWith("220 ");
            }

            try (Socket oneTooMany = connect("127.0.0.1")) {
                assertThat(readLine(oneTooMany)).startsWith("421 4.7.0 ").contains("Too many connections");
                assertThat(readLine(oneTooMany)).isEqualTo(RawSmtp.CLOSED);
            }
            try (Socket otherAddress = connect("127.0.0.2")) {
                assertThat(readLine(otherAddress)).startsWith("220 ");
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        // Slots are given back when connections close: a new client from the same address is served again.
        awaitGreeting("127.0.0.1");
    }

    @Test
    void aClientTricklingOneCommandLineShouldBeCutOffAtTheCommandDeadline() throws Exception {
        try (Socket slowloris = connect("127.0.0.1")) {
            assertThat(readLine(slowloris)).startsWith("220 ");
            byte[] command = "EHLO slowloris.example.com with a very long tail that never ends".getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            String reply = null;
            slowloris.setSoTimeout(400);
            for (int i = 0; i < command.length && reply == null; i++) {
                try {
                    slowloris.getOutputStream().write(command[i]);
                    slowloris.getOutputStream().flush();
                } catch (IOException closed) {
                    reply = RawSmtp.CLOSED;
                    break;
                }
                try {
                    reply = line(slowloris.getInputStream());
                } catch (SocketTimeoutException stillWaiting) {
                    // the server keeps waiting for the rest of the line
                }
                if (Duration.ofNanos(System.nanoTime() - start).compareTo(COMMAND_DEADLINE.multipliedBy(3)) > 0) {
                    break;
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(reply).startsWith("421 4.4.2 ").contains("timeout");
            assertThat(elapsed).isLessThan(COMMAND_DEADLINE.plusSeconds(2));
            slowloris.setSoTimeout(5_000);
            assertThat(readLine(slowloris)).isEqualTo(RawSmtp.CLOSED);
        }
    }

    @Test
    void aClientThatTalksBeforeTheGreetingShouldGet554AndBeClosed() throws Exception {
        try (Socket eager = connect("127.0.0.1")) {
            eager.getOutputStream().write("EHLO eager.example.com\r\n".getBytes(StandardCharsets.US_ASCII));
            eager.getOutputStream().flush();

            assertThat(readLine(eager)).startsWith("554 5.5.1 ").contains("talked before greeting");
            assertThat(readLine(eager)).isEqualTo(RawSmtp.CLOSED);
        }
    }

    @Test
    void aNormalClientShouldStillDeliver() {
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            String reply = smtp.mail("sender@remote.example", ALICE,
                Messages.simple("sender@remote.example", ALICE, "hygiene").getBytes(StandardCharsets.US_ASCII));
            assertThat(reply).startsWith("250");
        }
    }

    private static void awaitGreeting(String from) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket socket = connect(from)) {
                String line = readLine(socket);
                if (line.startsWith("220 ") || System.nanoTime() > deadline) {
                    assertThat(line).startsWith("220 ");
                    return;
                }
            }
            Thread.sleep(100);
        }
    }

    private static Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.ports().smtp()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String readLine(Socket socket) throws IOException {
        try {
            return line(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return RawSmtp.SILENT;
        } catch (IOException reset) {
            return RawSmtp.CLOSED;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? RawSmtp.CLOSED : line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }
}
