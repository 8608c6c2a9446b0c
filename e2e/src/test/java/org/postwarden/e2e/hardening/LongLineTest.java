package org.postwarden.e2e.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.RawSmtp;

/**
 * A DATA line longer than the SMTP server's line limit (8,192 octets): the whole message is refused with one reply
 * at the end of DATA, never delivered without the line, and the next transaction of the same session works.
 */
class LongLineTest {
    private static final String DOMAIN = "longline.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;
    private static final String PASSWORD = "secret";
    private static final String OUTSIDER = "sender@remote.example";
    private static final String LONG_SUBJECT = "long-subject " + "s".repeat(10_000 - "Subject: long-subject \r\n".length());

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
        server.webAdmin().createUser(BOB, PASSWORD);
    }

    @Test
    void aTenThousandOctetSubjectOnTheMxShouldBeRefusedOnceAndTheSessionStayInStep() {
        byte[] message = ("From: <" + OUTSIDER + ">\r\nTo: <" + ALICE + ">\r\nSubject: " + LONG_SUBJECT + "\r\n"
            + "Message-ID: <long@remote.example>\r\n\r\nbody of the long one\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(("Subject: " + LONG_SUBJECT + "\r\n").length()).isEqualTo(10_000);

        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            assertThat(smtp.mail(OUTSIDER, ALICE, message)).startsWith("554 5.6.0").contains("8192");
            // One reply only: the next command gets its own answer, not a late one for the message.
            assertThat(smtp.command("MAIL FROM:<" + OUTSIDER + ">")).startsWith("250 2.1.0");
            assertThat(smtp.command("RCPT TO:<" + ALICE + ">")).startsWith("250 2.1.5");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.data(Messages.simple(OUTSIDER, ALICE, "after-long-line").getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("250 2.6.0 Message received");
            assertThat(smtp.command("NOOP")).startsWith("250 2.0.0");
        }

        String inbox = awaitInbox(ALICE, "after-long-line");
        assertThat(inbox).doesNotContain("body of the long one");
    }

    @Test
    void aLongLineInTheBodyOnSubmissionShouldBeRefusedOnceAndTheSessionStayInStep() {
        byte[] message = (Messages.simple(BOB, OUTSIDER, "long-body") + "x".repeat(20_000) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        try (RawSmtp submission = RawSmtp.connect(server.ports().submission())) {
            submission.startTls();
            assertThat(submission.authenticate(BOB, PASSWORD)).startsWith("235");
            assertThat(submission.mail(BOB, ALICE, message)).startsWith("554 5.6.0");
            assertThat(submission.command("RSET")).startsWith("250 2.0.0");
            assertThat(submission.mail(BOB, ALICE, Messages.simple(BOB, ALICE, "after-long-body").getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("250 2.6.0 Message received");
        }
        assertThat(awaitInbox(ALICE, "after-long-body")).doesNotContain("Subject: long-body");
    }

    private static String awaitInbox(String user, String subject) {
        return Imaps.awaitInbox(server.ports().imaps(), user, PASSWORD, subject);
    }
}
