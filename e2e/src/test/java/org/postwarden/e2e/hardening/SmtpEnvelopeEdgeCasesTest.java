package org.postwarden.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.RawSmtp;

/**
 * Envelope and header edge cases: RFC 1870 SIZE values, the wording of the size refusal, forged authentication
 * headers (RFC 8601 §5, RFC 7208 §9.1) and a user's own {@code +tag} address as MAIL FROM on submission.
 */
class SmtpEnvelopeEdgeCasesTest {
    private static final String DOMAIN = "edge.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;
    private static final String PASSWORD = "secret";
    private static final String OUTSIDER = "sender@remote.example";
    private static final String AUTHSERV_ID = "mx.edge.test";
    private static final int LIMIT = 100 * 1024;

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension("{}", new ConfEdits()
        .replace("authentication.properties", "authservId=\n", "authservId=" + AUTHSERV_ID + "\n")
        .replace("smtpserver.xml", "<maxmessagesize>51200</maxmessagesize>", "<maxmessagesize>100</maxmessagesize>"));

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
        server.webAdmin().createUser(BOB, PASSWORD);
    }

    @Test
    void sizeValuesThatAreNotANumberOfOctetsShouldGet501() {
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            assertThat(smtp.command("MAIL FROM:<" + OUTSIDER + "> SIZE=-1")).startsWith("501 5.5.4");
            assertThat(smtp.command("MAIL FROM:<" + OUTSIDER + "> SIZE=abc")).startsWith("501 5.5.4");
            assertThat(smtp.command("MAIL FROM:<" + OUTSIDER + "> SIZE=+5")).startsWith("501 5.5.4");
            assertThat(smtp.command("MAIL FROM:<" + OUTSIDER + "> SIZE=1000")).startsWith("250");
        }
    }

    @Test
    void aDeclaredOrActualSizeOverTheLimitShouldSayMessageTooLarge() {
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            assertThat(smtp.command("MAIL FROM:<" + OUTSIDER + "> SIZE=" + (LIMIT + 1))).isEqualTo("552 5.3.4 Message too large");
            assertThat(smtp.command("MAIL FROM:<" + OUTSIDER + "> SIZE=99999999999999")).isEqualTo("552 5.3.4 Message too large");
            String big = Messages.simple(OUTSIDER, ALICE, "too-big") + ("y".repeat(998) + "\r\n").repeat(150);
            assertThat(smtp.mail(OUTSIDER, ALICE, big.getBytes(StandardCharsets.US_ASCII))).isEqualTo("552 5.3.4 Message too large");
            // The session is in step after the refusal.
            assertThat(smtp.mail(OUTSIDER, ALICE, Messages.simple(OUTSIDER, ALICE, "after-too-big").getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("250 2.6.0 Message received");
        }
        assertThat(awaitInbox(ALICE, "after-too-big")).doesNotContain("Subject: too-big\r\n");
    }

    @Test
    void forgedAuthenticationResultsWithATrailingDotAndForgedReceivedSpfShouldBeRemoved() {
        String message = "Authentication-Results: " + AUTHSERV_ID + ".; dmarc=pass header.from=bank.example\r\n"
            + "Authentication-Results: MX.Edge.Test. ; dkim=pass header.d=bank.example\r\n"
            + "Received-SPF: pass (forged-spf) client-ip=192.0.2.1; envelope-from=ceo@bank.example\r\n"
            + "received-spf: pass (lower-case-forged-spf)\r\n"
            + "Authentication-Results: relay.other.example; spf=pass smtp.mailfrom=remote.example\r\n"
            + Messages.simple(OUTSIDER, BOB, "forged-headers");
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            assertThat(smtp.mail(OUTSIDER, BOB, message.getBytes(StandardCharsets.US_ASCII))).startsWith("250");
        }
        String delivered = awaitInbox(BOB, "forged-headers");
        assertThat(delivered)
            .doesNotContain("header.from=bank.example", "header.d=bank.example", "forged-spf")
            .contains("Authentication-Results: " + AUTHSERV_ID + ";", "Authentication-Results: relay.other.example", "Received-SPF: ");
    }

    @Test
    void aUsersOwnPlusTagAddressShouldBeAcceptedAsMailFromOnSubmissionButNotAnotherUsers() {
        try (RawSmtp submission = RawSmtp.connect(server.ports().submission())) {
            submission.startTls();
            assertThat(submission.authenticate(ALICE, PASSWORD)).startsWith("235");
            assertThat(submission.command("MAIL FROM:<bob+news@" + DOMAIN + ">")).startsWith("550 5.7.1");
            assertThat(submission.command("MAIL FROM:<Alice+News@" + DOMAIN + ">")).startsWith("250");
            assertThat(submission.command("RCPT TO:<" + BOB + ">")).startsWith("250");
            assertThat(submission.command("DATA")).startsWith("354");
            assertThat(submission.data(Messages.simple("alice+news@" + DOMAIN, BOB, "from-plus-tag").getBytes(StandardCharsets.US_ASCII)))
                .startsWith("250");
        }
        assertThat(awaitInbox(BOB, "from-plus-tag")).contains("From: <alice+news@" + DOMAIN + ">");
    }

    private static String awaitInbox(String user, String subject) {
        return Imaps.awaitInbox(server.ports().imaps(), user, PASSWORD, subject);
    }
}
