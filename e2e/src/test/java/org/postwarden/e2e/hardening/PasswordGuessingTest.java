package org.postwarden.e2e.hardening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.RawSmtp;
import org.postwarden.e2e.harness.TrustingTls;

/**
 * Password guessing over SMTP AUTH and IMAP LOGIN. With the shipped defaults (auth-guard.properties: 5 failures per
 * address and account, 10 per address, in 10 minutes), the sixth guess from one address is refused even with the
 * right password, while the account still logs in from another address; webadmin shows the failures and the audit
 * log, and clearing an address lets it in again. Each test uses its own loopback source addresses.
 */
class PasswordGuessingTest {
    private static final String DOMAIN = "guess.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;
    private static final String PASSWORD = "secret";
    private static final int PER_ACCOUNT_LIMIT = 5;

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
        server.webAdmin().createUser(BOB, PASSWORD);
    }

    @Test
    void smtpAuthShouldBeRefusedFromAGuessingAddressButNotFromElsewhere() {
        String attacker = "127.0.0.2";
        try (RawSmtp smtp = RawSmtp.connectFrom(attacker, server.ports().submission())) {
            smtp.startTls();
            for (int guess = 0; guess < PER_ACCOUNT_LIMIT - 1; guess++) {
                assertThat(smtp.authenticate(ALICE, "guess" + guess)).startsWith("535");
            }
            long started = System.nanoTime();
            assertThat(smtp.authenticate(ALICE, "last guess")).startsWith("535");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("a failure past authFailures.delayAfter is answered after authFailures.delay")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(smtp.authenticate(ALICE, PASSWORD)).startsWith("454 4.7.0");
        }
        try (RawSmtp smtp = RawSmtp.connectFrom(attacker, server.ports().submission())) {
            smtp.startTls();
            assertThat(smtp.authenticate(ALICE, PASSWORD)).startsWith("454 4.7.0");
        }
        try (RawSmtp smtp = RawSmtp.connectFrom("127.0.0.3", server.ports().submission())) {
            smtp.startTls();
            assertThat(smtp.authenticate(ALICE, PASSWORD)).startsWith("235");
        }

        assertThat(failures()).anySatisfy(failure -> {
            assertThat(failure).containsEntry("address", attacker).containsEntry("account", ALICE)
                .containsEntry("failures", PER_ACCOUNT_LIMIT).containsEntry("refused", true);
        });
        List<Map<String, Object>> log = given(server.webAdmin().spec()).queryParam("address", attacker)
            .get("/postwarden/auth-failures/log").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(log).filteredOn(event -> "failed".equals(event.get("action")))
            .hasSize(PER_ACCOUNT_LIMIT)
            .allSatisfy(event -> assertThat(event).containsEntry("account", ALICE).containsEntry("protocol", "smtp"));
        assertThat(log).anySatisfy(event -> assertThat(event).containsEntry("action", "refused"));

        given(server.webAdmin().spec()).delete("/postwarden/auth-failures/" + attacker).then().statusCode(204);
        try (RawSmtp smtp = RawSmtp.connectFrom(attacker, server.ports().submission())) {
            smtp.startTls();
            assertThat(smtp.authenticate(ALICE, PASSWORD)).startsWith("235");
        }
        assertThat(failures()).noneSatisfy(failure -> assertThat(failure).containsEntry("address", attacker));
    }

    @Test
    void imapLoginShouldBeRefusedFromAGuessingAddressButNotFromElsewhere() {
        String attacker = "127.0.0.4";
        // James closes an IMAP session after a few failed logins: a guesser simply reconnects.
        for (int guess = 0; guess < PER_ACCOUNT_LIMIT; guess++) {
            try (Imap imap = Imap.connectFrom(attacker, server.ports().imaps())) {
                assertThat(imap.login(BOB, "guess" + guess)).startsWith("NO");
            }
        }
        try (Imap imap = Imap.connectFrom(attacker, server.ports().imaps())) {
            assertThat(imap.login(BOB, PASSWORD)).startsWith("NO [UNAVAILABLE]");
        }
        try (Imap imap = Imap.connectFrom(attacker, server.ports().imaps())) {
            assertThat(imap.authenticatePlain(BOB, PASSWORD)).startsWith("NO [UNAVAILABLE]");
        }
        try (Imap imap = Imap.connectFrom("127.0.0.5", server.ports().imaps())) {
            assertThat(imap.login(BOB, PASSWORD)).startsWith("OK");
        }

        assertThat(failures()).anySatisfy(failure -> {
            assertThat(failure).containsEntry("address", attacker).containsEntry("account", BOB)
                .containsEntry("refused", true);
        });
        List<Map<String, Object>> log = given(server.webAdmin().spec()).queryParam("address", attacker)
            .get("/postwarden/auth-failures/log").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(log).filteredOn(event -> "failed".equals(event.get("action")))
            .hasSize(PER_ACCOUNT_LIMIT)
            .allSatisfy(event -> assertThat(event).containsEntry("account", BOB).containsEntry("protocol", "imap"));

        given(server.webAdmin().spec()).delete("/postwarden/auth-failures/" + attacker).then().statusCode(204);
        try (Imap imap = Imap.connectFrom(attacker, server.ports().imaps())) {
            assertThat(imap.login(BOB, PASSWORD)).startsWith("OK");
        }
    }

    @Test
    void clearingAnAddressThatIsNotOneShouldBeABadRequest() {
        given(server.webAdmin().spec()).delete("/postwarden/auth-failures/not-an-address").then().statusCode(400);
    }

    private static List<Map<String, Object>> failures() {
        return given(server.webAdmin().spec()).get("/postwarden/auth-failures").then().statusCode(200)
            .extract().jsonPath().getList("$");
    }

    /** IMAP over implicit TLS from a chosen loopback source address; each command's tagged reply, without tag. */
    private static final class Imap implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final Writer out;
        private int tag;

        private Imap(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
        }

        static Imap connectFrom(String localAddress, int port) {
            try {
                Socket socket = TrustingTls.sockets().createSocket(InetAddress.getByName("127.0.0.1"), port,
                    InetAddress.getByName(localAddress), 0);
                socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
                Imap imap = new Imap(socket);
                assertThat(imap.in.readLine()).startsWith("* OK");
                return imap;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String login(String user, String password) {
            return command("LOGIN \"" + user + "\" \"" + password + "\"");
        }

        /** AUTHENTICATE PLAIN (RFC 4616), the credentials sent after the server's continuation. */
        String authenticatePlain(String user, String password) {
            try {
                String name = "a" + ++tag;
                out.write(name + " AUTHENTICATE PLAIN\r\n");
                out.flush();
                assertThat(in.readLine()).startsWith("+");
                out.write(Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
                    .getBytes(StandardCharsets.UTF_8)) + "\r\n");
                out.flush();
                return tagged(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String command(String line) {
            try {
                String name = "a" + ++tag;
                out.write(name + " " + line + "\r\n");
                out.flush();
                return tagged(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String tagged(String name) throws IOException {
            for (String reply = in.readLine(); reply != null; reply = in.readLine()) {
                if (reply.startsWith(name + " ")) {
                    return reply.substring(name.length() + 1);
                }
            }
            return "(connection closed)";
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
}
