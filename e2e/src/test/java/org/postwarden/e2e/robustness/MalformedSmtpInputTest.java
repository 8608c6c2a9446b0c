package org.postwarden.e2e.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.utils.TestIMAPClient;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.RawSmtp;
import org.postwarden.e2e.harness.TrustingTls;

/**
 * Malformed SMTP input on the MX and on authenticated submission. Each case asserts the reply James 3.8.1 and our
 * hooks give today, that the session (or a new one) still works, and that a normal mail sent afterwards arrives:
 * the server is still up and nothing got stuck.
 */
class MalformedSmtpInputTest {
    private static final String DOMAIN = "postwarden.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String PASSWORD = "secret";
    private static final String OUTSIDER = "sender@remote.example";
    private static final int HUNDRED_KB = 100 * 1024;
    private static final String LINE_TOO_LONG = "500 Line length exceeded. See RFC 2821 #4.5.3.1.";
    private static final AtomicInteger MAILBOXES = new AtomicInteger();

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
    }

    @Test
    void anOverlongCommandLineShouldBeRefusedAndTheSessionGoOn() {
        String mailbox = newMailbox();
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            assertThat(smtp.command("MAIL FROM:<" + "a".repeat(HUNDRED_KB) + "@remote.example>")).isEqualTo(LINE_TOO_LONG);
            assertThat(smtp.command("RSET")).startsWith("250");
        }
        try (RawSmtp submission = RawSmtp.connect(server.ports().submission())) {
            submission.startTls();
            assertThat(submission.authenticate(ALICE, PASSWORD)).startsWith("235");
            assertThat(submission.command("RCPT TO:<" + "c".repeat(HUNDRED_KB) + "@" + DOMAIN + ">")).isEqualTo(LINE_TOO_LONG);
            assertThat(submission.command("RSET")).startsWith("250");
        }
        assertDeliveredAfterwards(mailbox, "after-overlong-command");
    }

    /**
     * A line over the 8,192-octet limit inside DATA: no reply in the middle of DATA, one refusal of the whole message
     * at the final dot (never delivered without the line), and the session stays in step.
     */
    @Test
    void anOverlongHeaderLineShouldGetTheMessageRefusedOnceAtTheEndOfData() {
        String mailbox = newMailbox();
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            String dataReply = smtp.mail(OUTSIDER, mailbox, message(OUTSIDER, "X-Long: " + "b".repeat(HUNDRED_KB) + "\r\n", "overlong-header", 0));

            assertThat(dataReply).startsWith("554 5.6.0");
            assertThat(smtp.command("RSET")).startsWith("250 2.0.0");
        }
        assertDeliveredAfterwards(mailbox, "after-overlong-header");
        assertThat(findNow(mailbox, "overlong-header")).isNull();
    }

    /**
     * Known defect: the mail is accepted (250) and delivered, but every 8-bit octet of the header has become '?'
     * (read back from IMAP as octets). Most likely James' InternetHeadersInputStream, which re-serialises the header
     * with US-ASCII once a mailet has added a field (ours add Authentication-Results). Not fixed here: it is James.
     */
    @Test
    void eightBitHeadersWithoutSmtputf8AreAcceptedButStoredWithQuestionMarks() {
        String mailbox = newMailbox();
        String greeting = "gr\u00fc\u00df dich, \u65e5\u672c";
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            String head = "From: <" + OUTSIDER + ">\r\nTo: <" + mailbox + ">\r\nSubject: eight-bit\r\nX-Greeting: " + greeting
                + "\r\n\r\nbody\r\n";

            assertThat(smtp.mail(OUTSIDER, mailbox, head.getBytes(StandardCharsets.UTF_8))).startsWith("250");
            assertThat(smtp.command("NOOP")).startsWith("250");
        }
        assertThat(delivered(mailbox, "eight-bit")).isNotNull();
        // Read as octets, past any client decoding. Known defect: each 8-bit octet is stored as '?'.
        assertThat(fetchOctets(mailbox)).contains("X-Greeting: gr???? dich, ??????\r\n");
        assertDeliveredAfterwards(mailbox, "after-eight-bit");
    }

    @Test
    void tenThousandHeaderFieldsShouldBeAcceptedAndDelivered() {
        String mailbox = newMailbox();
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            fields.append("X-Filler-").append(i).append(": value ").append(i).append("\r\n");
        }
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            assertThat(smtp.mail(OUTSIDER, mailbox, message(OUTSIDER, fields.toString(), "many-fields", 0))).startsWith("250");
            assertThat(smtp.command("NOOP")).startsWith("250");
        }
        assertThat(delivered(mailbox, "many-fields")).contains("X-Filler-0: value 0", "X-Filler-9999: value 9999", "end of body");
    }

    /** smtpserver.xml: maxmessagesize 51200 (KB), so 50 MB of body plus the header is over the limit. */
    @Test
    void aMessageOverTheSizeLimitShouldGet552AndTheNextMailStillArrive() {
        String mailbox = newMailbox();
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            assertThat(smtp.command("MAIL FROM:<" + OUTSIDER + "> SIZE=60000000")).startsWith("552");
            assertThat(smtp.command("RSET")).startsWith("250");
        }
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            assertThat(smtp.mail(OUTSIDER, mailbox, message(OUTSIDER, "", "fifty-megabytes", 50 * 1024 * 1024)))
                .startsWith("552");
            assertThat(smtp.command("RSET")).startsWith("250");
        }
        assertDeliveredAfterwards(mailbox, "after-fifty-megabytes");
        assertThat(findNow(mailbox, "fifty-megabytes")).isNull();
    }

    /**
     * Mail from outside without From, or with two, has no determinable author domain (RFC 7489 §6.6.1): no DMARC policy
     * could protect the domain shown, so the MX refuses it at DATA (hardening.UnparseableFromTest has the rest).
     */
    @Test
    void theMxShouldRefuseMessagesWithoutFromOrWithTwoFrom() {
        String mailbox = newMailbox();
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            assertThat(smtp.mail(OUTSIDER, mailbox, withoutFrom("mx-no-from")))
                .isEqualTo("550 5.7.1 no determinable RFC5322.From domain: no From field (RFC 7489 6.6.1)");
            assertThat(smtp.command("RSET")).startsWith("250");
            assertThat(smtp.mail(OUTSIDER, mailbox, withTwoFrom(OUTSIDER, "other@remote.example", "mx-two-from")))
                .isEqualTo("550 5.7.1 no determinable RFC5322.From domain: 2 From fields (RFC 7489 6.6.1)");
        }
        assertDeliveredAfterwards(mailbox, "after-mx-two-from");
        assertThat(findNow(mailbox, "mx-no-from")).isNull();
        assertThat(findNow(mailbox, "mx-two-from")).isNull();
    }

    /**
     * On submission, SubmissionHygieneHook refuses a message without From or with two From fields (550 5.6.0), before
     * SenderIdentityHook looks at whose addresses they are, and 8-bit header octets (550 5.6.7); nothing of it is
     * delivered.
     */
    @Test
    void submissionShouldRefuseMessagesWithoutFromOrWithTwoFromOrEightBitHeaders() {
        String mailbox = newMailbox();

        assertThat(submit(mailbox, withoutFrom("sub-no-from"))).startsWith("550 5.6.0").contains("From");
        assertThat(submit(mailbox, withTwoFrom(ALICE, ALICE, "sub-two-from-same"))).startsWith("550 5.6.0").contains("From");
        assertThat(submit(mailbox, withTwoFrom(ALICE, "bob@" + DOMAIN, "sub-two-from-bob-second"))).startsWith("550 5.6.0");
        assertThat(submit(mailbox, withTwoFrom("bob@" + DOMAIN, ALICE, "sub-two-from-bob-first"))).startsWith("550 5.6.0");
        assertThat(submit(mailbox, ("From: <" + ALICE + ">\r\nTo: <" + mailbox + ">\r\nSubject: sub-eight-bit\r\n"
            + "X-Greeting: gr\u00fc\u00df dich\r\n\r\nhi\r\n").getBytes(StandardCharsets.UTF_8))).startsWith("550 5.6.7");

        assertDeliveredAfterwards(mailbox, "after-refusals");
        for (String subject : List.of("sub-no-from", "sub-two-from-same", "sub-two-from-bob-second", "sub-two-from-bob-first", "sub-eight-bit")) {
            assertThat(findNow(mailbox, subject)).as(subject).isNull();
        }
    }

    /** One message on a fresh authenticated submission session: the reply to its final dot (or first refusal). */
    private static String submit(String mailbox, byte[] message) {
        try (RawSmtp submission = RawSmtp.connect(server.ports().submission())) {
            submission.startTls();
            assertThat(submission.authenticate(ALICE, PASSWORD)).startsWith("235");
            String reply = submission.mail(ALICE, mailbox, message);
            assertThat(submission.command("RSET")).startsWith("250");
            return reply;
        }
    }

    private static String newMailbox() {
        String address = "box" + MAILBOXES.incrementAndGet() + "@" + DOMAIN;
        server.webAdmin().createUser(address, PASSWORD);
        return address;
    }

    /** A normal mail on a new connection still arrives: the server is up and the bad input left nothing stuck. */
    private static void assertDeliveredAfterwards(String mailbox, String subject) {
        try (RawSmtp smtp = RawSmtp.connect(server.ports().smtp())) {
            assertThat(smtp.mail(OUTSIDER, mailbox, Messages.simple(OUTSIDER, mailbox, subject).getBytes(StandardCharsets.US_ASCII)))
                .startsWith("250");
        }
        assertThat(delivered(mailbox, subject)).contains("Subject: " + subject);
    }

    /** The message in the mailbox whose text holds {@code subject}, or null when none arrives within 15 seconds. */
    private static String delivered(String mailbox, String subject) {
        try {
            return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> find(mailbox, subject), found -> found != null);
        } catch (ConditionTimeoutException none) {
            return null;
        }
    }

    /** The first message of the mailbox as IMAP sends it, one char per octet; each command waits for its answer. */
    private static String fetchOctets(String mailbox) {
        try (Socket socket = TrustingTls.sockets().createSocket("127.0.0.1", server.ports().imaps())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            StringBuilder transcript = new StringBuilder();
            String[] commands = {"a LOGIN " + mailbox + " " + PASSWORD, "b SELECT INBOX", "c FETCH 1 (BODY.PEEK[])"};
            for (String command : commands) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String tag = command.substring(0, 2);
                while (transcript.indexOf("\r\n" + tag) < 0 && transcript.indexOf(tag) != 0) {
                    int b = in.read();
                    if (b < 0) {
                        return transcript.toString();
                    }
                    transcript.append((char) b);
                }
            }
            return transcript.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For a refused mail, once a later one has arrived: nothing with this subject is in the mailbox. */
    private static String findNow(String mailbox, String subject) {
        try {
            return find(mailbox, subject);
        } catch (org.apache.commons.net.MalformedServerReplyException e) {
            // commons-net's IMAP client now and then misreads a FETCH reply (")" alone); a new session reads it.
            try {
                return find(mailbox, subject);
            } catch (Exception again) {
                throw new IllegalStateException(again);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(String mailbox, String subject) throws Exception {
        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(mailbox, PASSWORD).select(TestIMAPClient.INBOX);
            long count = imap.getMessageCount(TestIMAPClient.INBOX);
            for (long i = 1; i <= count; i++) {
                String fetched = imap.sendCommand("FETCH " + i + " (BODY.PEEK[])");
                if (fetched.contains("Subject: " + subject + "\r\n")) {
                    return fetched;
                }
            }
            return null;
        }
    }

    private static byte[] message(String from, String extraFields, String subject, int bodyBytes) {
        String head = "From: <" + from + ">\r\nTo: <box@" + DOMAIN + ">\r\nSubject: " + subject + "\r\n"
            + "Message-ID: <" + subject + "@remote.example>\r\n" + extraFields + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + bodyBytes + 64);
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        byte[] line = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int written = 0; written < bodyBytes; written += line.length) {
            out.writeBytes(line);
        }
        out.writeBytes("end of body\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] withoutFrom(String subject) {
        return ("To: <box@" + DOMAIN + ">\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject + "@postwarden.test>\r\n\r\nno From\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] withTwoFrom(String first, String second, String subject) {
        return ("From: <" + first + ">\r\nFrom: <" + second + ">\r\nTo: <box@" + DOMAIN + ">\r\nSubject: " + subject
            + "\r\nMessage-ID: <" + subject + "@postwarden.test>\r\n\r\ntwo From\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
