package org.postwarden.e2e.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.e2e.harness.SmtpSink;

/** Mail to a paced destination is delayed in the queue, never refused, and all of it is delivered. */
class DestinationPacingTest {
    private static final String ALICE = "alice@pacing.test";
    private static final String CARRIER = "sms.example";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension("{}", new ConfEdits()
        .replace("throttle.properties", "destination.messages=none", "destination.messages=none\ndestination." + CARRIER + ".messages=2/8s"));

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain("pacing.test");
        server.webAdmin().createUser(ALICE, "secret");
    }

    @Test
    void mailBeyondTheDestinationBudgetShouldBeDelayedThenDelivered() {
        try (SmtpSession submission = SmtpSession.connect(server.ports().submission())) {
            submission.authenticate(ALICE, "secret");
            for (int i = 1; i <= 4; i++) {
                String to = "user" + i + "@" + CARRIER;
                submission.send(ALICE, to, Messages.simple(ALICE, to, "paced " + i));
            }
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> server.sink().received().size() == 4);
        List<SmtpSink.ReceivedMail> arrivals = server.sink().received().stream()
            .sorted(Comparator.comparing(SmtpSink.ReceivedMail::receivedAt)).toList();
        // 2 per 8 s: two leave at once, the other two wait for the budget (one every 4 s).
        assertThat(Duration.between(arrivals.get(0).receivedAt(), arrivals.get(3).receivedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }
}
