package org.postwarden.e2e.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.apache.james.utils.TestIMAPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.e2e.harness.SmtpSink;

class MailFlowTest {
    private static final String DOMAIN = "postwarden.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String PASSWORD = "alice-secret";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
    }

    @Test
    void mailFromOutsideShouldArriveInTheUsersInbox() throws Exception {
        try (SmtpSession smtp = SmtpSession.connect(server.ports().smtp())) {
            smtp.send("sender@remote.example", ALICE, Messages.simple("sender@remote.example", ALICE, "inbound-1"));
        }

        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(ALICE, PASSWORD).select(TestIMAPClient.INBOX)
                .awaitMessage(await().atMost(Duration.ofSeconds(30)));
            assertThat(imap.readFirstMessage()).contains("Subject: inbound-1");
        }
    }

    @Test
    void authenticatedSubmissionToARemoteDomainShouldReachTheRemoteServer() {
        try (SmtpSession submission = SmtpSession.connect(server.ports().submission())) {
            assertThat(submission.authenticate(ALICE, PASSWORD)).startsWith("235");
            submission.send(ALICE, "friend@remote.example", Messages.simple(ALICE, "friend@remote.example", "outbound-1"));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> !server.sink().received().isEmpty());
        SmtpSink.ReceivedMail relayed = server.sink().received().get(0);
        assertThat(relayed.mailFrom()).isEqualTo(ALICE);
        assertThat(relayed.rcptTo()).containsExactly("friend@remote.example");
        assertThat(relayed.data()).contains("Subject: outbound-1");
    }

    @Test
    void unauthenticatedRelayShouldBeRefusedAtRcpt() {
        try (SmtpSession smtp = SmtpSession.connect(server.ports().smtp())) {
            assertThat(smtp.mailFrom("spammer@remote.example")).startsWith("250");
            assertThat(smtp.rcptTo("victim@elsewhere.example")).startsWith("550");
        }
    }

    @Test
    void submissionWithAWrongPasswordShouldNotBeAllowedToSendAsALocalUser() {
        try (SmtpSession submission = SmtpSession.connect(server.ports().submission())) {
            assertThat(submission.authenticate(ALICE, "wrong")).startsWith("535");
            assertThat(submission.mailFrom(ALICE)).startsWith("550 5.7.1");
        }
    }
}
