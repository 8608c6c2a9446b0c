package org.postwarden.e2e.foundation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.apache.james.utils.TestIMAPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;

/** Everything the embedded stores hold survives a restart, including a mail still waiting in the outgoing queue. */
class RestartPersistenceTest {
    private static final String DOMAIN = "restart.test";
    private static final String BOB = "bob@" + DOMAIN;
    private static final String PASSWORD = "bob-secret";
    private static final String REMOTE = "carol@remote.example";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @Test
    void usersDomainsStoredMailAndQueuedMailShouldSurviveARestart() throws Exception {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(BOB, PASSWORD);
        try (SmtpSession smtp = SmtpSession.connect(server.ports().smtp())) {
            smtp.send("sender@remote.example", BOB, Messages.simple("sender@remote.example", BOB, "stored-before-restart"));
        }
        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(BOB, PASSWORD).select(TestIMAPClient.INBOX)
                .awaitMessage(await().atMost(Duration.ofSeconds(30)));
        }

        server.sink().refuseTemporarily();
        try (SmtpSession submission = SmtpSession.connect(server.ports().submission())) {
            submission.authenticate(BOB, PASSWORD);
            submission.send(BOB, REMOTE, Messages.simple(BOB, REMOTE, "queued-across-restart"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> server.sink().attempts() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.webAdmin().mailQueueSize("outgoing") == 1);

        server.stop();
        server.sink().accept();
        server.start();

        given(server.webAdmin().spec()).get("/domains/" + DOMAIN).then().statusCode(204);
        given(server.webAdmin().spec()).head("/users/" + BOB).then().statusCode(200);
        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(BOB, PASSWORD).select(TestIMAPClient.INBOX);
            assertThat(imap.readFirstMessage()).contains("Subject: stored-before-restart");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !server.sink().received().isEmpty());
        assertThat(server.sink().received()).hasSize(1);
        assertThat(server.sink().received().get(0).rcptTo()).containsExactly(REMOTE);
        assertThat(server.sink().received().get(0).data()).contains("Subject: queued-across-restart");
    }
}
