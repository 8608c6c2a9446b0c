package org.postwarden.e2e.forward;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;

/** A message reaching one remote target through two of our forwards leaves once; another message still leaves. */
class ForwardDeduplicationTest {
    private static final String FORWARDER = "dedup.test";
    private static final String FIRST_ALIAS = "team@" + FORWARDER;
    private static final String SECOND_ALIAS = "oncall@" + FORWARDER;
    private static final String TARGET = "friend@remote.example";
    private static final String SENDER = "news@origin.example";
    private static final String ORIGIN_ZONE = "\"origin.example\": [{\"TXT\": \"v=spf1 ip4:127.0.0.1 -all\"}]";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension("{" + ORIGIN_ZONE + "}", new ConfEdits()
        .replace("srs.properties", "domain=\n", "domain=" + FORWARDER + "\n")
        .replace("srs.properties", "secrets=\n", "secrets=deduplication-test-secret\n"));

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(FORWARDER);
        for (String alias : new String[] {FIRST_ALIAS, SECOND_ALIAS}) {
            server.webAdmin().createUser(alias, "secret");
            given(server.webAdmin().spec()).put("/address/forwards/" + alias + "/targets/" + TARGET).then().statusCode(204);
        }
    }

    /** A message to {@code to} with the given Message-ID and subject. */
    private static String message(String to, String messageId, String subject) {
        return Messages.simple(SENDER, to, subject).replaceFirst("Message-ID: <[^>]*>", "Message-ID: <" + messageId + ">");
    }

    private static long forwardsAtSink(String subject) {
        return server.sink().received().stream().filter(mail -> mail.data().contains(subject)).count();
    }

    private static void send(String to, String message) {
        try (SmtpSession mx = SmtpSession.connect(server.ports().smtp())) {
            mx.send(SENDER, to, message);
        }
    }

    @Test
    void theSameMessageForwardedThroughTwoAliasesShouldReachTheTargetOnce() {
        String messageId = UUID.randomUUID() + "@origin.example";
        String subject = "twice forwarded " + messageId;

        send(FIRST_ALIAS, message(FIRST_ALIAS, messageId, subject));
        send(SECOND_ALIAS, message(SECOND_ALIAS, messageId, subject));

        await().atMost(Duration.ofSeconds(30)).until(() -> forwardsAtSink(subject) >= 1);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> forwardsAtSink(subject) == 1);
        assertThat(server.sink().received().stream().filter(mail -> mail.data().contains(subject)).findFirst().orElseThrow().rcptTo())
            .containsExactly(TARGET);
    }

    @Test
    void anotherMessageToTheSameTargetShouldStillBeForwarded() {
        String messageId = UUID.randomUUID() + "@origin.example";
        String subject = "first of two " + messageId;
        String otherSubject = "second of two " + messageId;

        send(FIRST_ALIAS, message(FIRST_ALIAS, messageId, subject));
        send(SECOND_ALIAS, message(SECOND_ALIAS, "other-" + messageId, otherSubject));

        await().atMost(Duration.ofSeconds(30)).until(() -> forwardsAtSink(subject) == 1 && forwardsAtSink(otherSubject) == 1);
    }
}
