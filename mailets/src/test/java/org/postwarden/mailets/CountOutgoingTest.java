package org.postwarden.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.postwarden.reputation.ReputationCounts;

class CountOutgoingTest {
    private final ReputationFixture fixture = new ReputationFixture();
    private final CountOutgoing mailet = new CountOutgoing(fixture.reputation);

    @Test
    void serviceShouldCountEachRemoteRecipientAgainstTheAuthenticatedAccount() throws Exception {
        Mail mail = ReputationFixture.submitted("alice@local.test", "a@remote.example", "b@remote.example");

        mailet.service(mail);

        assertThat(fixture.reputation.account("alice@local.test")).isEqualTo(new ReputationCounts(2, 0, 0, 0));
        assertThat(mail.getAttribute(CountOutgoing.ACCOUNT).orElseThrow().getValue().value())
            .isEqualTo("alice@local.test");
    }

    @Test
    void serviceShouldCountAMailComingBackFromPacingOnlyOnce() throws Exception {
        Mail mail = ReputationFixture.submitted("alice@local.test", "a@remote.example");

        mailet.service(mail);
        mailet.service(mail);

        assertThat(fixture.reputation.account("alice@local.test").sent()).isEqualTo(1);
    }

    @Test
    void serviceShouldCountMailOfNoAccountServerWideOnly() throws Exception {
        Mail forward = ReputationFixture.submitted(null, "a@remote.example");

        mailet.service(forward);

        assertThat(fixture.reputation.serverWide().sent()).isEqualTo(1);
        assertThat(fixture.reputation.worst(10)).isEmpty();
        assertThat(forward.getAttribute(CountOutgoing.ACCOUNT)).isEmpty();
    }
}
