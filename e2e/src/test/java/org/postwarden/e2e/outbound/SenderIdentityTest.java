package org.postwarden.e2e.outbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;

/** A shared server never lets one customer send as another. */
class SenderIdentityTest {
    private static final String DOMAIN = "identity.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;
    private static final String SALES = "sales@" + DOMAIN;
    private static final String PASSWORD = "secret";
    private static final String REMOTE = "partner@remote.example";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
        server.webAdmin().createUser(BOB, PASSWORD);
        given(server.webAdmin().spec()).put("/address/aliases/" + ALICE + "/sources/" + SALES).then().statusCode(204);
    }

    private static SmtpSession aliceOnSubmission() {
        SmtpSession submission = SmtpSession.connect(server.ports().submission());
        assertThat(submission.authenticate(ALICE, PASSWORD)).startsWith("235");
        return submission;
    }

    @Test
    void anotherUsersAddressAsMailFromShouldBeRefused() {
        try (SmtpSession submission = aliceOnSubmission()) {
            assertThat(submission.mailFrom(BOB)).isEqualTo("550 5.7.1 MAIL FROM <" + BOB + "> is not one of " + ALICE + "'s addresses");
        }
    }

    @Test
    void anotherUsersAddressInTheFromHeaderShouldBeRefusedAtData() {
        try (SmtpSession submission = aliceOnSubmission()) {
            assertThat(submission.mailFrom(ALICE)).startsWith("250");
            assertThat(submission.rcptTo(REMOTE)).startsWith("250");
            assertThat(submission.data(Messages.simple(BOB, REMOTE, "pretending to be bob")))
                .isEqualTo("550 5.7.1 From address <" + BOB + "> is not one of " + ALICE + "'s addresses");
        }
        assertThat(server.sink().received()).noneMatch(mail -> mail.data().contains("pretending to be bob"));
    }

    @Test
    void anAliasOfTheUserShouldBeAccepted() {
        try (SmtpSession submission = aliceOnSubmission()) {
            submission.send(SALES, REMOTE, Messages.simple(SALES, REMOTE, "from the sales alias"));
        }
        await().atMost(Duration.ofSeconds(30))
            .until(() -> server.sink().received().stream().anyMatch(mail -> mail.data().contains("from the sales alias")));
    }

    @Test
    void anUnauthenticatedClientShouldNotUseALocalDomainAsMailFrom() {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            assertThat(mx.mailFrom(ALICE)).startsWith("550 5.7.1 <" + ALICE + "> is a local address");
        }
    }
}
