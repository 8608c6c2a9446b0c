package org.postwarden.e2e.hardening;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.james.utils.TestIMAPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.RawSmtp;
import org.postwarden.e2e.harness.SmtpSink;

import io.restassured.path.json.JsonPath;

/**
 * A From field whose author domain DMARC cannot see (RFC 7489 §6.6.1) must not be a way around a p=reject policy,
 * neither of a remote domain nor of our own: raw UTF-8 display names (RFC 6532) are parsed and evaluated, and a
 * message without a determinable author domain is refused at DATA; in quarantine mode it goes to the Spam folder
 * and is never forwarded nor sealed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnparseableFromTest {
    private static final String LOCAL = "unparseable.test";
    private static final String USER = "victim@" + LOCAL;
    private static final String FORWARDER = "fwd.test";
    private static final String LIST = "list@" + FORWARDER;
    private static final String TARGET = "friend@remote.example";
    private static final String PASSWORD = "secret";
    private static final String ZONE_ENTRIES = "\"victim.example\": [{\"TXT\": \"v=spf1 ip4:192.0.2.1 -all\"}],"
        + "\"_dmarc.victim.example\": [{\"TXT\": \"v=DMARC1; p=reject\"}],"
        + "\"" + LOCAL + "\": [{\"TXT\": \"v=spf1 ip4:192.0.2.2 -all\"}],"
        + "\"_dmarc." + LOCAL + "\": [{\"TXT\": \"v=DMARC1; p=reject\"}],"
        + "\"legit.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}],"
        + "\"_dmarc.legit.example\": [{\"TXT\": \"v=DMARC1; p=reject\"}]";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension("{" + ZONE_ENTRIES + "}", new ConfEdits()
        .replace("srs.properties", "domain=\n", "domain=" + FORWARDER + "\n")
        .replace("srs.properties", "secrets=\n", "secrets=unparseable-from-secret\n"));

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(LOCAL);
        server.webAdmin().createDomain(FORWARDER);
        server.webAdmin().createUser(USER, PASSWORD);
        server.webAdmin().createUser(LIST, PASSWORD);
        given(server.webAdmin().spec()).put("/address/forwards/" + LIST + "/targets/" + TARGET).then().statusCode(204);
        JsonPath key = given(server.webAdmin().spec()).body("{\"algorithm\": \"rsa\", \"selector\": \"arc\"}")
            .post("/postwarden/dkim/domains/" + FORWARDER + "/keys").then().statusCode(201).extract().jsonPath();
        try {
            server.publishZone("{" + ZONE_ENTRIES + ", \"" + key.getString("dnsName") + "\": [{\"TXT\": \""
                + key.getString("dnsRecord") + "\"}]}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        given(server.webAdmin().spec()).post("/postwarden/dkim/domains/" + FORWARDER + "/keys/arc?action=activate").then().statusCode(200);
    }

    /** A message with the given From lines (none, one or several), 8-bit header octets as UTF-8. */
    private static byte[] message(String subject, String to, String... fromLines) {
        StringBuilder message = new StringBuilder();
        for (String from : fromLines) {
            message.append(from).append("\r\n");
        }
        message.append("To: <").append(to).append(">\r\n")
            .append("Subject: ").append(subject).append("\r\n")
            .append("Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n")
            .append("Message-ID: <").append(UUID.randomUUID()).append("@attacker.example>\r\n")
            .append("MIME-Version: 1.0\r\n")
            .append("Content-Type: text/plain; charset=utf-8\r\n")
            .append("Content-Transfer-Encoding: 8bit\r\n")
            .append("\r\n")
            .append("Please wire the money today.\r\n");
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** MAIL FROM with BODY=8BITMIME (RFC 6152), the reply to the final dot. */
    private static String send(String mailFrom, String to, byte[] message) {
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            String reply = smtp.command("MAIL FROM:<" + mailFrom + "> BODY=8BITMIME");
            if (!reply.startsWith("250")) {
                return reply;
            }
            reply = smtp.command("RCPT TO:<" + to + ">");
            if (!reply.startsWith("250")) {
                return reply;
            }
            reply = smtp.command("DATA");
            return reply.startsWith("354") ? smtp.data(message) : reply;
        }
    }

    private static long count(String mailbox) throws Exception {
        try (TestIMAPClient imap = Imaps.client()) {
            return imap.connect("127.0.0.1", server.ports().imaps()).login(USER, PASSWORD).getMessageCount(mailbox);
        }
    }

    private static String awaitInMailbox(String mailbox, String subject) throws Exception {
        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(USER, PASSWORD).select(mailbox)
                .awaitMessage(await().atMost(Duration.ofSeconds(30)));
            return imap.readFirstMessage();
        }
    }

    private static SmtpSink.ReceivedMail awaitAtSink(String subject) {
        await().atMost(Duration.ofSeconds(30)).until(() -> atSink(subject).size() == 1);
        return atSink(subject).get(0);
    }

    private static List<SmtpSink.ReceivedMail> atSink(String subject) {
        return server.sink().received().stream().filter(mail -> mail.data().contains(subject)).toList();
    }

    private static List<String> quarantined() {
        return given(server.webAdmin().spec()).urlEncodingEnabled(false)
            .get("/mailRepositories/var%2Fmail%2Fquarantine/mails")
            .then().statusCode(200).extract().jsonPath().getList("", String.class);
    }

    @Test
    @Order(1)
    void aRawUtf8DisplayNameShouldBeEvaluatedAndTheSpoofOfAPrejectDomainRefused() {
        String reply = send("bounce@attacker.example", USER,
            message("utf8 spoof remote", USER, "From: Zoë Ärger <ceo@victim.example>"));

        assertThat(reply).startsWith("550 5.7.1 DMARC policy of victim.example is reject");
    }

    @Test
    @Order(1)
    void aRawUtf8DisplayNameShouldBeEvaluatedAndTheSpoofOfOurOwnDomainRefused() {
        String reply = send("bounce@attacker.example", USER,
            message("utf8 spoof local", USER, "From: Zoë Ärger <ceo@" + LOCAL + ">"));

        assertThat(reply).startsWith("550 5.7.1 DMARC policy of " + LOCAL + " is reject");
    }

    @Test
    @Order(1)
    void anEncodedWordWithoutAddressShouldBeRefusedAtData() {
        assertThat(send("bounce@attacker.example", USER,
            message("encoded word remote", USER, "From: =?utf-8?q?ceo=40victim.example?=")))
            .startsWith("550 5.7.1 ");
        assertThat(send("bounce@attacker.example", USER,
            message("encoded word local", USER, "From: =?utf-8?q?ceo=40" + LOCAL + "?=")))
            .startsWith("550 5.7.1 ");
    }

    @Test
    @Order(1)
    void aMessageWithoutFromShouldBeRefusedAtData() {
        assertThat(send("ceo@victim.example", USER, message("no from at all", USER)))
            .isEqualTo("550 5.7.1 no determinable RFC5322.From domain: no From field (RFC 7489 6.6.1)");
    }

    @Test
    @Order(1)
    void twoFromFieldsShouldBeRefusedAtData() {
        assertThat(send("news@legit.example", USER, message("two from fields", USER,
            "From: <news@legit.example>", "From: <ceo@victim.example>"))).startsWith("550 5.7.1 ");
    }

    @Test
    @Order(2)
    void aLegitimateMailWithARawUtf8DisplayNameShouldPass() throws Exception {
        String reply = send("news@legit.example", USER,
            message("legit utf8 newsletter", USER, "From: \"Zoë\" Ärger (Bücher) <news@legit.example>"));

        assertThat(reply).startsWith("250");
        assertThat(awaitInMailbox(TestIMAPClient.INBOX, "legit utf8 newsletter").replace("\r\n\t", " "))
            .contains("legit utf8 newsletter")
            .contains("dmarc=pass (p=reject dis=none) header.from=legit.example");
    }

    @Test
    @Order(3)
    void aSpoofToAForwardingAddressShouldNeitherLeaveNorBeSealed() {
        assertThat(send("bounce@attacker.example", LIST,
            message("forwarded spoof", LIST, "From: =?utf-8?q?ceo=40victim.example?="))).startsWith("550 5.7.1 ");
        assertThat(send("news@legit.example", LIST,
            message("forwarded legit", LIST, "From: Zoë <news@legit.example>"))).startsWith("250");

        assertThat(awaitAtSink("forwarded legit").data()).contains("ARC-Seal: i=1;");
        assertThat(atSink("forwarded spoof")).isEmpty();
    }

    @Test
    @Order(4)
    void inQuarantineModeSuchMailShouldReachOnlyTheSpamFolderAndNeverBeForwarded() throws Exception {
        Path properties = server.root().resolve("conf/authentication.properties");
        String conf = Files.readString(properties, StandardCharsets.UTF_8);
        assertThat(conf).contains("authorDomain.unknown=reject\n");
        Files.writeString(properties, conf.replace("authorDomain.unknown=reject\n", "authorDomain.unknown=quarantine\n"),
            StandardCharsets.UTF_8);
        server.restart();

        assertThat(send("bounce@attacker.example", USER, message("quarantined local", USER))).startsWith("250");
        assertThat(awaitInMailbox("Spam", "quarantined local").replace("\r\n\t", " ")).contains("dmarc=permerror");
        assertThat(count(TestIMAPClient.INBOX)).as("only the legitimate newsletter").isEqualTo(1);

        assertThat(send("bounce@attacker.example", LIST,
            message("quarantined forward", LIST, "From: =?utf-8?q?ceo=40victim.example?="))).startsWith("250");
        await().atMost(Duration.ofSeconds(30)).until(() -> quarantined().size() == 1);
        assertThat(send("news@legit.example", LIST,
            message("forwarded after restart", LIST, "From: <news@legit.example>"))).startsWith("250");
        awaitAtSink("forwarded after restart");
        assertThat(atSink("quarantined forward")).isEmpty();
    }
}
