package org.postwarden.e2e.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.james.utils.TestIMAPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.dkim.HeaderField;
import org.postwarden.dkim.RawMessage;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.e2e.harness.SmtpSink;

/** What local users submit leaves well-formed, as the big mailbox providers demand; what arrives on the MX is left alone. */
class SubmissionHygieneTest {
    private static final String DOMAIN = "hygiene.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String PASSWORD = "secret";
    private static final String REMOTE = "friend@remote.example";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
    }

    private static String submit(String message) {
        try (SmtpSession submission = SmtpSession.connect(server.ports().submission())) {
            assertThat(submission.authenticate(ALICE, PASSWORD)).startsWith("235");
            assertThat(submission.mailFrom(ALICE)).startsWith("250");
            assertThat(submission.rcptTo(REMOTE)).startsWith("250");
            return submission.data(message);
        }
    }

    private static List<String> fields(String message) {
        return RawMessage.parse(message.getBytes(StandardCharsets.ISO_8859_1)).headers().stream().map(HeaderField::text).toList();
    }

    @Test
    void aMessageWithoutDateAndMessageIdShouldLeaveWithBothAddedAndNothingElseChanged() {
        String subject = "no date " + UUID.randomUUID();
        String headers = "From: \"Alice\" <" + ALICE + ">\r\n"
            + "To: <" + REMOTE + ">\r\n"
            + "Subject: " + subject + "\r\n"
            + "X-Folded: one\r\n\ttwo  three\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n";
        String body = "Hello.\r\n\r\nFrom: not a header\r\n";

        assertThat(submit(headers + "\r\n" + body)).startsWith("250");

        await().atMost(Duration.ofSeconds(30))
            .until(() -> server.sink().received().stream().anyMatch(mail -> mail.data().contains(subject)));
        SmtpSink.ReceivedMail relayed = server.sink().received().stream().filter(mail -> mail.data().contains(subject)).findFirst().orElseThrow();
        // James' relay rewrites MIME-Version at the top of every message it sends, submitted ones included.
        assertThat(fields(relayed.data())).containsOnlyOnce("MIME-Version: 1.0");
        List<String> relayedFields = fields(relayed.data()).stream()
            .filter(field -> !field.startsWith("Received:") && !field.startsWith("MIME-Version:")).toList();
        List<String> submitted = fields(headers).stream().filter(field -> !field.startsWith("MIME-Version:")).toList();
        int original = submitted.size();
        assertThat(relayedFields.subList(0, original)).isEqualTo(submitted);
        assertThat(relayedFields.subList(original, relayedFields.size())).satisfiesExactly(
            date -> assertThat(date).matches("Date: \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}"),
            messageId -> assertThat(messageId).matches("Message-ID: <[0-9a-f-]{36}@" + DOMAIN.replace(".", "\\.") + ">"));
        assertThat(relayed.data()).endsWith("\r\n\r\n" + body);
    }

    @Test
    void aFromWithTwoAddressesAndNoSenderShouldBeRefused() {
        assertThat(submit(message("From: " + ALICE + ", other@" + DOMAIN + "\r\n", "two authors")))
            .isEqualTo("550 5.6.0 the From header field holds 2 addresses and there is no Sender header field naming the one"
                + " who sent it (RFC 5322 section 3.6.2)");
    }

    @Test
    void twoFromFieldsShouldBeRefused() {
        assertThat(submit(message("From: " + ALICE + "\r\nFrom: " + ALICE + "\r\n", "twice from")))
            .isEqualTo("550 5.6.0 the message has more than one From header field (RFC 5322 section 3.6 allows one)");
    }

    @Test
    void anEightBitSubjectShouldBeRefused() {
        assertThat(submit("From: " + ALICE + "\r\nTo: " + REMOTE + "\r\nSubject: Gr\u00fc\u00dfe\r\n\r\nbody\r\n"))
            .isEqualTo("550 5.6.7 the Subject header field holds non-ASCII octets, which need SMTPUTF8 (RFC 6531) and this"
                + " server does not offer it: encode them as RFC 2047 encoded-words");
    }

    @Test
    void theSameMalformedMessageOnTheMxShouldNotBeTouched() throws Exception {
        String subject = "from outside " + UUID.randomUUID();
        String message = message("From: one@remote.example, two@remote.example\r\n", subject);
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            mx.send("one@remote.example", ALICE, message);
        }

        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(ALICE, PASSWORD).select(TestIMAPClient.INBOX)
                .awaitMessage(await().atMost(Duration.ofSeconds(30)));
            String delivered = imap.readFirstMessage();
            assertThat(delivered).contains("From: one@remote.example, two@remote.example\r\n", "Subject: " + subject);
            assertThat(fields(delivered)).noneMatch(field -> field.startsWith("Date:") || field.startsWith("Message-ID:"));
        }
    }

    /** A message with {@code from} and neither Date nor Message-ID. */
    private static String message(String from, String subject) {
        return from + "To: <" + REMOTE + ">\r\nSubject: " + subject + "\r\n\r\nbody\r\n";
    }
}
